"""The build-speed shortcuts change nothing readers see: raw HTML set aside from Markdown comes
back unchanged, generated link lists resolve to relative URLs, the citation pass leaves links,
code and the like alone."""
from __future__ import annotations

import re

import markdown
import pytest

from conftest import ROOT
from ldkb.corpus import load_corpus
from ldkb.linkify import Linker, resolve_links
from ldkb.render_graph import graph_markdown, timeline_markdown
from ldkb.render_page import cut_raw_html, document_markdown, index_markdown, splice_raw_html
from ldkb.render_terms import campaign_markdown, campaigns_index_markdown
from ldkb.render_units import matrix_markdown, unit_markdown, units_index_markdown
from ldkb.textnorm import toc_slug


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT / "content")


def _convert(text: str) -> str:
    # The extensions of mkdocs.yml; front matter is stripped by MkDocs before conversion.
    md = markdown.Markdown(extensions=["abbr", "attr_list", "md_in_html", "admonition", "def_list", "tables", "toc"],
                           extension_configs={"toc": {"permalink": "¶", "toc_depth": 4, "slugify": toc_slug}})
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return md.convert(body) + "\n<!--toc-->\n" + md.toc


def _pages(corpus) -> dict[str, str]:
    pages = {f"van-ban/{d.slug}": document_markdown(d, corpus) for d in corpus.documents}
    pages.update({"van-ban/index": index_markdown(corpus), "so-do": graph_markdown(corpus),
                  "dong-thoi-gian": timeline_markdown(corpus), "ai-lam-gi": matrix_markdown(corpus),
                  "don-vi/index": units_index_markdown(corpus), "phong-trao/index": campaigns_index_markdown(corpus)})
    pages.update({f"don-vi/{u.ma}": unit_markdown(u, corpus) for u in corpus.units.values()})
    pages.update({f"phong-trao/{c.ma}": campaign_markdown(c, corpus) for c in corpus.campaigns})
    return pages


def test_raw_html_set_aside_converts_to_the_same_page_and_toc(corpus):
    cut_some = 0
    for name, text in _pages(corpus).items():
        cut, blocks = cut_raw_html(text)
        cut_some += bool(blocks)
        assert splice_raw_html(cut, blocks) == text, name
        assert splice_raw_html(_convert(cut), blocks) == _convert(text), name
    assert cut_some > len(corpus.documents)


def test_blocks_that_markdown_would_touch_are_not_set_aside():
    text = "# T\n\n<div markdown>\n**b**\n</div>\n\n<p>unfinished\n\n<span>inline</span>\n\n<ul><li>x</li></ul>"
    cut, blocks = cut_raw_html(text)
    assert blocks == ["<ul><li>x</li></ul>"]
    assert "<div markdown>" in cut and "<p>unfinished" in cut and "<span>inline</span>" in cut


def test_placeholders_resolve_to_relative_urls_and_report_missing_pages():
    pages = {"van-ban/a": "../a/", "don-vi/vp": "../../don-vi/vp/"}

    def href(path, anchor):
        url = pages.get(path)
        return None if url is None else url + (f"#{anchor}" if anchor else "")

    out = resolve_links('<a href="ldkb:van-ban/a#ii-3">x</a><a href="ldkb:don-vi/vp">y</a>'
                        '<a href="ldkb:van-ban/a#ii-3">x</a><a href="ldkb:van-ban/khong-co">z</a>', href)
    assert out.html == ('<a href="../a/#ii-3">x</a><a href="../../don-vi/vp/">y</a>'
                        '<a href="../a/#ii-3">x</a><a href="#">z</a>')
    assert out.missing_pages == ["van-ban/khong-co"]


def test_citation_pass_leaves_links_code_and_svg_alone(corpus):
    linker = Linker(corpus)
    doc = next(d for d in corpus.documents if d.so_ky_hieu == "117/KH-LĐLĐ")

    def href(path, anchor):
        return f"../{path}/" + (f"#{anchor}" if anchor else "")

    skipped = ('<a href="x">117/KH-LĐLĐ LĐLĐ</a><pre><code>117/KH-LĐLĐ</code> LĐLĐ</pre>'
               '<svg><a href="y"><text>LĐLĐ</text></a><title>LĐLĐ</title></svg>'
               '<abbr title="z">LĐLĐ</abbr><!-- LĐLĐ 117/KH-LĐLĐ --><p title="LĐLĐ"> </p>')
    assert linker.process(skipped, href).html == skipped
    out = linker.process("<p>Kế hoạch số 117/KH-LĐLĐ của LĐLĐ tỉnh</p><br/>LĐLĐ", href).html
    assert out.count("<abbr ") == 2
    assert f'<a class="vb-cite" href="../van-ban/{doc.slug}/"' in out
    assert ">Kế hoạch số 117/KH-LĐLĐ</a>" in out
