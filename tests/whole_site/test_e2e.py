"""End-to-end in Debian's Chromium over http, on the site as `make build` makes it (issue 7, point 6).

A reader's journey (home → plan → a part's permalink → a citation → the cited document's
backlink → back), the "Tải PDF" link, a tour of every page type with no request leaving the
site, and a link check of the whole built site.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import ROOT
from ldkb.ingest.importer import import_file
from linkcheck import check_site
from pagechecks import PLAN, foreign, open_search, page_types, recording_context, settle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PART = "ii-3"  # "Đối với Liên đoàn Lao động tỉnh" cites Kế hoạch 117/KH-LĐLĐ
CITED = "van-ban/117-kh-ldld/"


@pytest.fixture
def tab(browser, built_url):
    """A desktop tab that records every request; none may leave the site's origin."""
    context, requests = recording_context(browser, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()
    assert requests, "the browser recorded no request at all"
    assert foreign(requests, built_url) == []


def _in_view(page, anchor: str) -> bool:
    return page.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
                                   return r.top >= 0 && r.top < window.innerHeight; }""", anchor)


def test_reader_journey(tab, built_url):
    # Home → the plan, by the link a reader sees first.
    tab.goto(built_url)
    tab.locator(f'.md-content a[href="{PLAN}"]').first.click()
    tab.wait_for_url(built_url + PLAN)
    assert "KẾ HOẠCH" in tab.locator(".md-content h1").first.inner_text().upper()

    # A part's permalink: the heading's "¶" link, then opened fresh as a shared link would be.
    heading = tab.locator(f"#{PART}")
    heading.hover()
    heading.locator(".headerlink").click()
    tab.wait_for_url(built_url + PLAN + f"#{PART}")
    tab.goto(built_url + PLAN + f"#{PART}")
    settle(tab)
    assert _in_view(tab, PART)

    # A citation inside that part → the cited document.
    cites = tab.locator(f'.md-content a.vb-cite[href="../{CITED.split("/")[1]}/"]')
    # The first such citation after the part's heading (headings and text are siblings).
    first_in_part = tab.evaluate("""([sel, id]) => { const h = document.getElementById(id);
        return [...document.querySelectorAll(sel)].findIndex(
            a => h.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING); }""",
        [f'.md-content a.vb-cite[href="../{CITED.split("/")[1]}/"]', PART])
    assert first_in_part >= 0, f"part {PART} must cite {CITED}"
    cites.nth(first_in_part).click()
    tab.wait_for_url(built_url + CITED)
    assert "117/KH-LĐLĐ" in tab.locator(".md-content").inner_text()

    # The cited document's backlink to the part that cites it → back on the plan, at that part.
    back = tab.locator(f'.md-content a[href="../{PLAN.split("/")[1]}/#{PART}"]')
    assert back.count() > 0, "the cited document must link back to the citing part"
    back.first.click()
    tab.wait_for_url(built_url + PLAN + f"#{PART}")
    settle(tab)
    assert _in_view(tab, PART)

    # Back: the browser's back button returns to the cited document.
    tab.go_back()
    tab.wait_for_url(built_url + CITED)
    assert "117/KH-LĐLĐ" in tab.locator(".md-content").inner_text()


def test_pdf_link_downloads_a_pdf(tab, built_url):
    tab.goto(built_url + PLAN)
    link = tab.get_by_role("link", name=re.compile("Tải PDF"))
    href = link.first.get_attribute("href")
    response = tab.request.get(urljoin(built_url + PLAN, href))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    with tab.expect_download() as download:
        link.first.click()
    data = Path(download.value.path()).read_bytes()
    assert data[:5] == b"%PDF-" and data == response.body()
    assert download.value.suggested_filename.endswith(".pdf")


def test_word_link_downloads_the_docx_that_imports_back(tab, built_url, tmp_path):
    tab.goto(built_url + PLAN)
    link = tab.get_by_role("link", name=re.compile("Tải bản Word"))
    assert link.count() == 1
    with tab.expect_download() as download:
        link.first.click()
    assert download.value.suggested_filename.endswith(".docx")
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    # What an officer downloads reads back into the same plan.
    result = import_file(path, ROOT / "content", write=False)
    assert result.draft.unplaced == [] and result.existing is not None
    assert result.existing.name == "ke-hoach-thuc-hien-chi-thi-07.yml"


def test_every_page_type_and_search_stay_on_the_site(tab, built_site, built_url):
    # The `tab` fixture asserts that none of these loads left the site's origin.
    for kind, url in page_types(built_site).items():
        tab.goto(built_url + url)
        tab.wait_for_load_state("networkidle")
        assert tab.locator("h1").count() == 1, kind
    tab.goto(built_url)
    open_search(tab)
    assert tab.locator(".md-search-result__item").count() > 0


def test_built_site_has_no_broken_link_or_anchor(built_site):
    broken = check_site(built_site)
    assert [str(b) for b in broken] == []


def test_built_site_loads_nothing_from_elsewhere(built_site):
    """Static side of privacy: no page, stylesheet or script names a third-party resource."""
    offenders = []
    loads = re.compile(r"""<(?:script|img|iframe|source|audio|video)[^>]+src=["']?(?:https?:)?//|"""
                       r"""<link[^>]+href=["']?(?:https?:)?//[^>]*>""", re.I)
    css_loads = re.compile(r"""(?:@import\s+|url\(\s*["']?)(?:https?:)?//""", re.I)
    for path in built_site.rglob("*"):
        if path.suffix == ".html":
            text = path.read_text(encoding="utf-8", errors="replace")
            for m in loads.finditer(text):
                tag = text[m.start():text.find(">", m.start()) + 1]
                if 'rel="canonical"' not in tag and "rel=canonical" not in tag:
                    offenders.append(f"{path.relative_to(built_site)}: {tag[:120]}")
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.relative_to(built_site)}: {m.group(0)}" for m in css_loads.finditer(text)]
    assert offenders == []
