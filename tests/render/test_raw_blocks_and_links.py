"""The build-speed shortcuts change nothing readers see: raw HTML set aside from Markdown comes
back unchanged, generated link lists resolve to relative URLs (with or without the graph plugin),
the citation pass leaves links, code and the like alone."""
from __future__ import annotations

import re

import markdown
import pytest

from conftest import ROOT, copy_project, run_mkdocs
from graphsite import article, links, resolve, section
from ldkb.model.corpus import load_corpus
from ldkb.graph.linking import Linker, resolve_links
from ldkb.render.graph_pages import graph_markdown, timeline_markdown
from ldkb.render.document_page import document_markdown, index_markdown
from ldkb.render.markup import unlink_folders
from ldkb.render.raw_blocks import cut_raw_html, splice_raw_html
from ldkb.render.term_pages import campaign_markdown, campaigns_index_markdown
from ldkb.render.task_pages import matrix_markdown
from ldkb.render.unit_pages import unit_markdown, units_index_markdown
from ldkb.text.normalize import toc_slug


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


def test_links_into_a_folder_the_site_lacks_become_text():
    page = ('<a class="vb-unit" data-unit="vp" href="ldkb:don-vi/vp">Văn phòng</a> '
            '<a href="ldkb:van-ban/a#ii">A</a><a href="../x/">X</a>')
    out = unlink_folders(page, lambda folder: folder == "don-vi")
    assert out == ('<span class="vb-unit" data-unit="vp">Văn phòng</span> '
                   '<a href="ldkb:van-ban/a#ii">A</a><a href="../x/">X</a>')
    assert unlink_folders(page, lambda folder: False) == page


def _without_graph(dest, *, strict: bool):
    """A copy of the project whose mkdocs.yml leaves out ldkb-graph (its hand-written pages then
    link to pages that plugin makes: only a non-strict build goes through)."""
    project = copy_project(dest)
    cfg = project / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    assert "\n  - ldkb-graph\n" in text and "\nstrict: true\n" in text
    text = text.replace("\n  - ldkb-graph\n", "\n").replace("\nstrict: true\n", f"\nstrict: {str(strict).lower()}\n")
    cfg.write_text(text, encoding="utf-8")
    return project


def test_document_pages_are_right_without_the_graph_plugin(tmp_path):
    project = _without_graph(tmp_path / "project", strict=False)
    site = tmp_path / "site"
    result = run_mkdocs(project, site, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "liên kết nội bộ" not in result.stderr  # the unit links became text, not warnings
    assert not (site / "don-vi").exists()
    pages = sorted(site.rglob("*.html"))
    assert not [p for p in pages if 'href="ldkb:' in p.read_text(encoding="utf-8")]
    corpus = load_corpus(ROOT / "content")
    checked = 0
    for doc in [None, *corpus.documents]:
        rel = f"van-ban/{doc.slug}/index.html" if doc else "van-ban/index.html"
        html = article((site / rel).read_text(encoding="utf-8"))
        part = section(html, "van-ban-lien-quan") if doc else html
        hrefs = [a["href"] for a in links(part) if "href" in a]
        assert "#" not in hrefs, rel  # what an unresolved placeholder becomes
        for href in hrefs:
            if href.startswith(("#", "http")) or href.endswith(".pdf"):
                continue
            target, _ = resolve(site, rel, href)
            assert target.is_file(), (rel, href)
            checked += 1
        assert 'href="#"' not in html and "ldkb:" not in re.sub(r"<!--.*?-->", "", html, flags=re.S), rel
        # Unit names stay, as text: their pages come from the graph plugin.
        assert '<a class="vb-unit"' not in html, rel
    assert checked > 2 * len(corpus.documents)
    units = (site / "van-ban/ke-hoach-thuc-hien-chi-thi-07/index.html").read_text(encoding="utf-8")
    assert '<span class="vb-unit" data-unit="cdcs">' in units


def test_a_generated_link_to_a_missing_page_fails_a_strict_build(tmp_path):
    # Unit pages exist as a folder (a hand-written index) but not the units' own pages: the
    # documents plugin's links to them are missing targets, not a plugin left out.
    project = _without_graph(tmp_path / "project", strict=True)
    (project / "docs" / "don-vi").mkdir(exist_ok=True)
    (project / "docs" / "don-vi" / "index.md").write_text("# Đơn vị\n", encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("van-ban/ke-hoach-thuc-hien-chi-thi-07.md: liên kết nội bộ đến trang `don-vi/cdcs` không tồn tại."
            in result.stderr), result.stderr


def test_a_placeholder_left_on_a_hand_written_page_is_resolved_or_fails_a_strict_build(project, tmp_path):
    # The graph plugin resolves what no generating plugin did (raw HTML written by hand).
    (project / "docs" / "thu-lien-ket.md").write_text(
        "# Thử\n\n<p><a href=\"ldkb:van-ban/117-kh-ldld\">có</a> <a href=\"ldkb:van-ban/khong-co\">không</a></p>\n",
        encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    assert "thu-lien-ket.md: liên kết nội bộ đến trang `van-ban/khong-co` không tồn tại." in result.stderr
    cfg = project / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("\nstrict: true\n", "\nstrict: false\n"), encoding="utf-8")
    result = run_mkdocs(project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "thu-lien-ket" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../van-ban/117-kh-ldld/">có</a>' in html and "ldkb:" not in html


def _site_files(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_compiled_templates_kept_between_builds_change_nothing(project, tmp_path):
    # First build compiles Material's templates into .cache/jinja, the second loads them from
    # there; a third build with the cache switched off compiles again. Same site every time.
    cache = project / ".cache" / "jinja"
    assert run_mkdocs(project, tmp_path / "cold").returncode == 0
    stored = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(stored) >= 10, "Material's page templates should be cached"
    assert run_mkdocs(project, tmp_path / "warm").returncode == 0
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == stored, "the warm build recompiled"
    cfg = project / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    assert "\n  - ldkb-editing\n" in text
    cfg.write_text(text.replace("\n  - ldkb-editing\n", "\n  - ldkb-editing:\n      template_cache: ''\n"),
                   encoding="utf-8")
    assert run_mkdocs(project, tmp_path / "off").returncode == 0
    cold, warm, off = (_site_files(tmp_path / name) for name in ("cold", "warm", "off"))
    assert cold.keys() == warm.keys() == off.keys()
    differ = [name for name in cold if not (cold[name] == warm[name] == off[name])]
    assert not differ, differ[:5]
