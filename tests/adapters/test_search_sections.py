"""ldkb_mkdocs.material.search_sections gives exactly the search entries Material's own parser gives: on tricky
fragments, on random tag soup, and on real builds (the real site, its pages entered in the build's own process, and 40 synthetic
documents above a lowered `background_min_pages`, their pages entered in the build's background
worker as a large collection's are; each built with `fast_sections` on and off, must write
byte-identical search/search_index.json)."""
from __future__ import annotations

import json
import sys
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import AnchorLink

import forkrun
from conftest import copy_project
from searchsite import search_options
from ldkb_mkdocs.material.search_sections import page_entries, toc_urls

URL = "van-ban/x/"
# What ldkb_mkdocs.search logs for a page left to Material's own parser.
FALLBACK_LOG = "dùng bộ đọc HTML của Material"


def _toc(*ids: str) -> list:
    """A small nested TOC: the first id at the top, the others under it."""
    if not ids:
        return []
    top = AnchorLink("T", ids[0], 1)
    top.children = [AnchorLink("C", i, 2) for i in ids[1:]]
    return [top]


def material(html: str, toc=(), meta=None, title="Trang"):
    index = SearchIndex()
    page = SimpleNamespace(content=html, toc=list(toc), url=URL, title=title, meta=meta or {})
    try:
        index.add_entry_from_context(page)
    except Exception as e:  # noqa: BLE001 - Material's own failures must be ours too
        return type(e)
    return json.dumps(index.entries, separators=(",", ":"), default=str)


def fast(html: str, toc=(), meta=None, title="Trang"):
    try:
        entries = page_entries(html, toc_urls(list(toc)), URL, title, meta or {})
    except Exception as e:  # noqa: BLE001
        return type(e)
    if entries is None:
        return None
    return json.dumps(entries, separators=(",", ":"), default=str)


def same(html: str, toc=(), meta=None, *, must_be_fast: bool = True) -> None:
    got = fast(html, toc, meta)
    if got is None:
        assert not must_be_fast, f"fell back on {html!r}"
        return
    assert got == material(html, toc, meta), html


FRAGMENTS = [
    "",
    "plain text only",
    "<p>x</p>",
    "<h1 id=\"t\">Title</h1><p>Intro</p><h2 id=\"a\">A</h2><p>aa</p><h3 id=\"b\">B</h3><p>bb</p>",
    # h2 first: a leading "hx" section
    "<h2 id=\"a\">A</h2><p>aa</p><h2 id=\"b\">B</h2>",
    # text before the first heading
    "\n<h1 id=\"t\">T</h1><p>x</p>",
    "<p>pre</p><h1 id=\"t\">T</h1><p>x</p>",
    # headings without id do not start sections
    "<h1 id=\"t\">T</h1><h2>no id</h2><p>x</p><h2 id=\"\">empty id</h2><h3 id>bare</h3><p>y</p>",
    # nested headings (depth rules), and back out of them
    "<h1 id=\"t\">T</h1><div><h2 id=\"a\">A</h2><p>in</p></div><p>after</p><h2 id=\"b\">B</h2>",
    "<div><div><h2 id=\"a\">A</h2><p>x</p></div></div><p>y</p><section><h3 id=\"c\">C</h3>z</section>w",
    "<details><summary><h2 id=\"a\">A</h2></summary><p>x</p></details><p>y</p>",
    # exclusions, including Material's tag-level quirks
    "<h1 id=\"t\">T</h1><div data-search-exclude><p>hidden</p></div><p>shown</p>",
    "<h1 id=\"t\">T</h1><div data-search-exclude><div>x</div>leak</div><p>y</p>",
    "<h1 id=\"t\">T</h1><div class=\"outer\"><div data-search-exclude>x</div>y</div>z",
    "<h1 id=\"t\">T</h1><h2 id=\"a\" data-search-exclude>A</h2><p>a</p><h2 id=\"b\">B</h2><p>b</p>",
    "<h1 id=\"t\">T</h1><table class=\"linenodiv\"><tr><td>1 2 3</td></tr></table><pre>code</pre>",
    "<h1 id=\"t\">T</h1><div class=\"linenodiv x\">not skipped</div>",
    "<h1 id=\"t\">T</h1><span DATA-SEARCH-EXCLUDE=\"1\">u</span><span>v</span>w",
    "<h1 id=\"t\">T</h1><p class=\"&#108;inenodiv\">entity class</p><p>x</p>",
    # pre/code whitespace
    "<h1 id=\"t\">T</h1><pre><code>a  b\n\n  c\n</code></pre><p>a\nb   c</p>",
    "<h1 id=\"t\">T</h1><p>  </p><p>\n</p><pre>  </pre><p><code> </code></p><p>x</p>",
    "<h1 id=\"t\">T</h1>  \n  <p>a</p>  \n\n  <p>b</p>\n",
    # entities
    "<h1 id=\"t\">A &amp; B &lt;c&gt; &quot;q&quot; &#124; &#x7c; &nbsp; &hellip;</h1><p>x &amp;&amp; y &gt; z &copy</p>",
    "<h1 id=\"t\">T</h1><p>&nbsp;</p><p>&#32;</p><p>a&nbsp;b</p><p>&amp</p><p>&unknown; &</p>",
    "<h1 id=\"a&amp;b\">T</h1><h2 id=\"x&quot;y\">U</h2>",
    # comments, doctype
    "<!DOCTYPE html><!-- c --><h1 id=\"t\">T<!-- in --></h1><p>a<!-- x -->b</p><!---->",
    "<h1 id=\"t\">T</h1><p>a <!-- x --> b</p><p>  <!-- y -->  </p>",
    # script/style with < inside, object
    "<h1 id=\"t\">T</h1><script>if (a < b && c > d) { x = '</p>'; }</script><p>x</p>",
    "<h1 id=\"t\">T</h1><style>p > a { }</style><SCRIPT type=\"x\">a<b</SCRIPT >y",
    "<h1 id=\"t\">T</h1><object><p>in object</p><h2 id=\"o\">O</h2></object><p>after</p>",
    "<script/><h1 id=\"t\">T</h1>x",
    # void tags, <br>, self-closing
    "<h1 id=\"t\">T<br>U</h1><p>a<br/>b<br />c<img src=\"x.png\" alt=\"i\"></p><hr>",
    "<h1 id=\"t\">T</h1><div/>x<p/>y<span />z",
    # uppercase tags and attributes
    "<H1 ID=\"t\">T</H1><P>x</P><UL><LI>a</LI></UL><H2 Id=\"b\">B</H2>",
    # quoted > inside attributes, single quotes, bare values
    "<h1 id=\"t\" title=\"a > b\">T</h1><p data-x='c > d'>x</p><a href=x.html>y</a>",
    "<h1 id=t>T</h1><h2 id = \"spaced\" >S</h2><p\nclass=\"q\"\n>z</p>",
    # empty kept elements and the first-opening-tag quirk
    "<h1 id=\"t\">T</h1><p></p><ul><li></li><li>a</li></ul><p><sub></sub><sup>2</sup></p>",
    "<h1 id=\"t\">T</h1><p>a</p><p></p><p> </p><ol><li> </li></ol>",
    "<h1 id=\"t\">T<code>c</code><sup>1</sup></h1><p>x</p>",
    # headerlink permalinks (Python-Markdown toc, with aria-label)
    "<h1 id=\"t\">Title<a class=\"headerlink\" href=\"#t\" title=\"Permanent link\">&para;</a></h1>"
    "<h2 id=\"a\">A <a aria-label=\"Liên kết\" class=\"headerlink\" href=\"#a\">#</a></h2><p>x</p>",
    "<h2 id=\"a\"><a class=\"headerlink other\" href=\"#a\">kept</a>A</h2>",
    # unclosed and mismatched tags
    "<h1 id=\"t\">T</h1><p>a<b>b</p>c</b>d<div>e",
    "<h1 id=\"t\">T</h1></p></div>x<p>y",
    "<h1 id=\"t\">T<p>in title</p></h1><p>x</p>",
    "<h2 id=\"a\">A</h2><h2 id=\"b\">B<h2 id=\"c\">C</h2></h2>d",
    "<hx>weird</hx><h1 id=\"t\">T</h1>",
    # tables, links, inline markup
    "<h1 id=\"t\">T</h1><table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
    "<h1 id=\"t\">T</h1><p>a <em>b</em> <strong>c</strong> <a href=\"#x\">d</a>.</p>",
    "<h1 id=\"t\">T</h1><ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>",
    "<h1 id=\"t\">T</h1><svg viewBox=\"0 0 1 1\"><path d=\"M0 0\"/><text>label</text></svg>",
    "<h1 id=\"t\">T</h1><p>unicode: Công đoàn — “trích” … 😀</p>",
    # duplicate attributes (the last wins), attributes on kept tags, tabs and CR
    "<h1 id=\"t\" ID=\"u\">T</h1><h2 id=\"a\" class=\"x\" class=\"linenodiv\">A</h2><p>b</p>",
    "<h1 id=\"t\">T</h1><p\tclass=\"x\">a\r\nb\tc</p><pre class=\"p\">\r\n x</pre>",
    "<h1 id=\"t\">T</h1><aside class=\"ldkb-edit\" data-search-exclude data-pagefind-ignore>"
    "<p>Sửa</p></aside><p>after</p>",
]


@pytest.mark.parametrize("html", FRAGMENTS)
def test_fragment(html):
    same(html, _toc("t", "a", "b"))
    same(html)


def test_meta_tags_boost_and_title():
    html = "<h2 id=\"a\">A</h2><p>x</p><p>intro</p><h2 id=\"b\">B</h2>"
    for meta in ({"tags": ["x", 1, 2.5, True, None, "", ["n"], {"d": 1}], "search": {"boost": 2}},
                 {"tags": "not a list", "search": {"boost": 0.5}},
                 {"title": "Tiêu đề từ meta", "search": {}},
                 {"title": 42, "search": None},
                 {"tags": []}):
        same(html, _toc("a", "b"), meta)
    for html in ("<p>only</p>", "<h2 id=\"a\"><a class=\"headerlink\" href=\"#a\">#</a></h2>x"):
        same(html, (), {"title": "<b>Raw & title</b>"})


def test_toc_lookup_first_in_preorder():
    a = AnchorLink("A", "x", 1)
    a.children = [AnchorLink("B", "y", 2)]
    dup = AnchorLink("Dup", "y", 1)
    assert toc_urls([a, dup]) == {"x": "#x", "y": "#y"}
    same("<h1 id=\"x\">A</h1><h2 id=\"y\">B</h2><h2 id=\"\">E</h2>", [a, AnchorLink("E", "", 1)])


def test_material_failure_is_ours_too():
    # The excluded <span> is dropped from the skip set when the inner <span> closes, so the
    # closing </p> is written although its opening was skipped: Material raises ValueError.
    html = "<h1 id=\"t\">T</h1><span data-search-exclude><p><span>x</span></p></span>"
    assert material(html) is ValueError
    assert fast(html) is ValueError


@pytest.mark.parametrize("html", [
    "<h1 id=\"t\">T</h1><p>a < b</p>",                 # bare <
    "<h1 id=\"t\">T</h1><![CDATA[x]]><p>y</p>",
    "<h1 id=\"t\">T</h1><?php x ?><p>y</p>",
    "<h1 id=\"t\">T</h1><!-- unclosed <p>y</p>",
    "<h1 id=\"t\">T</h1><script>never closed",
    "<h1 id=\"t\">T</h1><a href=/x/>y</a>",            # bare value with /
    "<h1 id=\"t\">T</h1><p class=\"a\"id=\"b\">y</p>",  # no space between attributes
    "<h1 id=\"t\">T</h1><p",
])
def test_exotic_falls_back(html):
    assert fast(html) is None
    assert isinstance(material(html), (str, type))  # Material copes (or fails) on its own


# --- random tag soup ---------------------------------------------------------------------------

_TAGS = ["p", "div", "span", "h1", "h2", "h3", "pre", "code", "li", "ul", "a", "br", "img",
         "script", "sup", "object", "table", "td"]
_ATTRS = ["", " id=\"i\"", " id=\"j\"", " id", " data-search-exclude", " class=\"linenodiv\"",
          " class=\"headerlink\"", " title=\"a > b &amp; c\"", " ID='k'", " data-search-exclude=\"\""]
_TEXTS = ["x", " ", "\n", "  y z  ", "&amp;", "&lt;", "&#124;", "&nbsp;", "a&b", "q > r", "\t",
          "<!-- c -->", "đ"]


# Strategies made once: one made inside the loop is validated again at each draw (most of the
# test's time, for the same examples).
_COUNT, _KIND, _BOOL = st.integers(0, 30), st.integers(0, 5), st.booleans()
_TAG, _ATTR, _TEXT = st.sampled_from(_TAGS), st.sampled_from(_ATTRS), st.sampled_from(_TEXTS)


@st.composite
def tag_soup(draw):
    parts = []
    for _ in range(draw(_COUNT)):
        kind = draw(_KIND)
        tag = draw(_TAG)
        if draw(_BOOL):
            tag = tag.upper()
        if kind <= 1:
            parts.append(f"<{tag}{draw(_ATTR)}>")
            if tag.lower() == "script":
                parts.append("a < b</script>")
        elif kind == 2:
            parts.append(f"</{tag}>")
        elif kind == 3:
            parts.append(f"<{tag}{draw(_ATTR)}/>")
        else:
            parts.append(draw(_TEXT))
    return "".join(parts)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tag_soup(), st.sampled_from([(), ("i",), ("j", "i")]),
       st.sampled_from([{}, {"tags": ["a", 1]}, {"search": {"boost": 3}}, {"title": "M"}]))
def test_random_tag_soup(html, toc_ids, meta):
    same(html, _toc(*toc_ids), meta)


# --- real builds ---------------------------------------------------------------------------------

def _index_both_ways(project, tmp_path, **options) -> tuple[bytes, bytes]:
    original = (project / "mkdocs.yml").read_bytes()
    out = []
    for on in (True, False):
        search_options(project, fast_sections=str(on).lower(), **options)
        site = tmp_path / f"site-{on}"
        # Verbose: the adapter logs (debug) each page it leaves to Material's parser.
        result = forkrun.subprocess_run(
            [sys.executable, "-m", "mkdocs", "build", "--clean", "--strict", "--verbose",
             "--site-dir", str(site)], cwd=project, capture_output=True, text=True, timeout=900)
        (project / "mkdocs.yml").write_bytes(original)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        if on:
            log = result.stdout + result.stderr
            assert FALLBACK_LOG not in log, [x for x in log.splitlines() if FALLBACK_LOG in x][:5]
        out.append((site / "search" / "search_index.json").read_bytes())
    return out[0], out[1]


# The synthetic collection: 40 documents with the worker's threshold lowered to 10 pages (the path a
# collection above the default threshold of 100 takes; was 200 documents at the default).
@pytest.mark.parametrize("which", ["real", "synthetic-40"])
def test_build_same_search_index(which, tmp_path):
    options = {}
    if which == "real":
        project = copy_project(tmp_path / "p")
    else:
        from tools.bench.project import make_project
        project = make_project(tmp_path / "p", 40)
        options["background_min_pages"] = 10
    fast_index, material_index = _index_both_ways(project, tmp_path, **options)
    assert fast_index == material_index
    assert len(json.loads(fast_index)["docs"]) > 10


# Random characters: the tokenizer must either read them as HTMLParser does, or give up.
_PIECES = list("<>/=\"' \n\tabhip12!-&;#xX?[]") + [
    "h2", "id", "<p", "</", "<h1 id=", "<!--", "-->", "&amp;", "script", "<pre>",
    "<a class=headerlink>", " data-search-exclude", "<div", "</div>"]
_CHARS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_CHARS)
def test_random_characters(html):
    same(html, _toc("i", "1"), must_be_fast=False)
