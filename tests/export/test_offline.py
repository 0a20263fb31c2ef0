"""The offline copy (issue 7, point 2): one zip built by `make build`, linked from the home
page, that works opened from disk — navigation, search and PDFs — with no network."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from ldkb.export.offline_zip import TOP_FOLDER, ZIP_URI, add_later_files, write_zip
from ldkb.render.reader_html import keep_links_inside_site, strip_online_only
from ldkb_mkdocs.material.markup import label_search_dialog
from linkcheck import check_site
from pagechecks import PHONE, open_search, recording_context, settle

PLAN_FILE = "van-ban/ke-hoach-thuc-hien-chi-thi-07.html"


# ---- the pieces, on small inputs -------------------------------------------------------------

def test_zip_is_reproducible_skips_source_maps_and_has_one_top_folder(tmp_path):
    tree = tmp_path / "tree"
    (tree / "assets").mkdir(parents=True)
    (tree / "index.html").write_text("<p>chào</p>", encoding="utf-8")
    (tree / "assets" / "app.js").write_text("x" * 5000)
    (tree / "assets" / "app.js.map").write_text("{}")
    (tree / "a.pdf").write_bytes(b"%PDF-1.7 fake")
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    write_zip(tree, first)
    (tree / "index.html").touch()  # a newer time must not change the zip
    write_zip(tree, second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert set(names) == {f"{TOP_FOLDER}/a.pdf", f"{TOP_FOLDER}/assets/app.js", f"{TOP_FOLDER}/index.html"}
        assert zf.getinfo(f"{TOP_FOLDER}/a.pdf").compress_type == zipfile.ZIP_STORED
        assert zf.getinfo(f"{TOP_FOLDER}/assets/app.js").compress_type == zipfile.ZIP_DEFLATED
        assert zf.read(f"{TOP_FOLDER}/index.html").decode() == "<p>chào</p>"


def test_later_files_are_added_but_pages_and_the_zip_itself_are_not(tmp_path):
    site, tree = tmp_path / "site", tmp_path / "tree"
    for rel, text in {"pdf/a.pdf": "A", "van-ban/x/index.html": "online page", ZIP_URI: "old zip",
                      "assets/s.css": "online css"}.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text)
    (tree / "assets").mkdir(parents=True)
    (tree / "assets" / "s.css").write_text("offline css")
    assert add_later_files(site, tree) == ["pdf/a.pdf"]
    assert (tree / "assets" / "s.css").read_text() == "offline css"


def test_html_fixes():
    page = '<div class="md-search" data-md-component="search" role="dialog">'
    assert 'aria-label="' in label_search_dialog(page)
    assert label_search_dialog(label_search_dialog(page)).count("aria-label") == 1
    home = "<p>a</p><!-- ldkb:online-only --><p>zip</p><!-- /ldkb:online-only --><p>b</p>"
    assert strip_online_only(home, "<p>note</p>") == "<p>a</p><p>note</p><p>b</p>"
    raw = '<a href="../../pdf/x.pdf">PDF</a> <a href="../y.html">y</a> <a href="#i">i</a>'
    assert keep_links_inside_site(raw, "van-ban/x.html") == \
        '<a href="../pdf/x.pdf">PDF</a> <a href="../y.html">y</a> <a href="#i">i</a>'
    assert keep_links_inside_site(raw, "a/b/c.html") == raw


# ---- the real thing, from `ldkb build` ---------------------------------------------------------

@pytest.fixture(scope="module")
def offline_copy(built_site, tmp_path_factory) -> Path:
    """The zip from the built site, unpacked as a reader would."""
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built_site / ZIP_URI) as zf:
        zf.extractall(out)
    return out / TOP_FOLDER


def test_home_page_links_the_zip(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+\.zip)"[^>]*>([^<]+)</a>', home)
    assert links == [(ZIP_URI, links[0][1])], links
    assert "ngoại tuyến" in links[0][1]
    assert (built_site / ZIP_URI).stat().st_size > 100_000


def test_zip_holds_the_whole_site_with_pdfs_and_search(built_site, offline_copy):
    online_pages = {p.relative_to(built_site).parent.as_posix() for p in built_site.rglob("index.html")}
    offline_pages = {p.relative_to(offline_copy).as_posix() for p in offline_copy.rglob("*.html")}
    # Every online page `x/y/` is the file `x/y.html` (or `x/y/index.html` for a section) offline.
    for page in online_pages - {"."}:
        assert f"{page}.html" in offline_pages or f"{page}/index.html" in offline_pages, page
    pdfs = sorted(p.name for p in (built_site / "pdf").glob("*.pdf"))
    assert pdfs and sorted(p.name for p in (offline_copy / "pdf").glob("*.pdf")) == pdfs
    assert (offline_copy / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index =")
    assert (offline_copy / "assets" / "javascripts" / "iframe-worker-shim.js").is_file()
    assert not list(offline_copy.rglob("*.map"))
    assert not (offline_copy / ZIP_URI).exists()


def test_vendored_shim_is_the_pinned_npm_package():
    from ldkb_mkdocs.reader.plugin import SHIM_SRC

    npm = Path(__file__).resolve().parents[2] / "node_modules" / "iframe-worker" / "shim" / "index.js"
    assert npm.is_file(), "run `make test` (npm ci installs iframe-worker)"
    assert SHIM_SRC.read_text(encoding="utf-8").endswith(npm.read_text(encoding="utf-8"))


def test_offline_copy_has_no_broken_link_and_no_folder_url(offline_copy):
    assert [str(b) for b in check_site(offline_copy)] == []
    folder_links = []
    for page in offline_copy.rglob("*.html"):
        for href in re.findall(r'href="([^"#:?]*/)(?:#[^"]*)?"', page.read_text(encoding="utf-8")):
            folder_links.append(f"{page.relative_to(offline_copy)}: {href}")
    # From disk a folder opens as a file listing, not as its index.html.
    assert folder_links == []
    home = (offline_copy / "index.html").read_text(encoding="utf-8")
    assert ".zip" not in home and "bản ngoại tuyến" in home


@pytest.mark.browser
@pytest.mark.slow
def test_offline_copy_navigates_searches_and_opens_pdfs_from_disk(browser, offline_copy):
    context, requests = recording_context(browser, **PHONE)
    page = context.new_page()
    try:
        page.goto((offline_copy / "index.html").as_uri())
        assert page.title()
        # Navigation: the home page's link to the plan opens the plan's file.
        page.locator('.md-content a[href="van-ban/ke-hoach-thuc-hien-chi-thi-07.html"]').first.click()
        page.wait_for_load_state()
        assert page.url == (offline_copy / PLAN_FILE).as_uri()
        assert "KẾ HOẠCH" in page.locator("h1").first.inner_text().upper()
        # PDFs: the document's "Tải PDF" link points at a PDF inside the copy.
        href = page.locator(".vb-pdf a").first.get_attribute("href")
        pdf = (offline_copy / PLAN_FILE).parent / href
        assert pdf.resolve().is_file() and pdf.read_bytes()[:5] == b"%PDF-"
        # Search: works from file:// (index as a script, worker in the iframe shim) and its
        # first result opens a page of the copy.
        open_search(page)
        first = page.locator(".md-search-result__item a").first
        target = first.get_attribute("href")
        first.click()
        page.wait_for_load_state()
        settle(page)
        assert page.url.startswith(offline_copy.as_uri()) and ".html" in page.url, (target, page.url)
        assert page.locator("h1").count() == 1
    finally:
        context.close()
    assert [u for u in requests if not u.startswith("file://")] == []
