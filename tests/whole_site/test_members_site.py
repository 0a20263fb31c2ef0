"""The members' site (issue 18): it speaks only to members, in Vietnamese, puts the right part first.

Static checks read every page of the real site (built once per session, without the preview
flag); browser checks drive Debian's Chromium at 360×740 and 1280×900 on that site served over
http, and once from file:// (the offline copy's case for sharing).
"""
from __future__ import annotations

import html as htmllib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import material
from pagechecks import PHONE
from ldkb.model.corpus import load_corpus
from ldkb.render.nav_order import GUIDE_ORDER
from conftest import ROOT

PLAN = "van-ban/ke-hoach-thuc-hien-chi-thi-07/"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
MEMBER_MENU = ["Trang chủ", "Kế hoạch thực hiện Chỉ thị 07/CT-TTg", "Văn bản", "Ai làm gì", "Đơn vị", "Việc sắp đến hạn",
               "Phong trào thi đua", "Chữ viết tắt", "Dòng thời gian", "Sơ đồ quan hệ văn bản", "Bản in",
               "Hướng dẫn biên tập"]
# Editors' words: files, fields and commands. Members' pages have none (the preview does).
EDITOR_WORDS = re.compile(r"content/|\.ya?ml\b|\bmake (validate|serve|new|build)\b|\bnoi_dung\b|\bgit\b|"
                          r"\bcommit\b|Tệp nguồn|mở tệp <code>", re.I)
EDITOR_PAGES = ("huong-dan-bien-tap/", "bao-tri/")


# -- Material's own English interface strings ----------------------------------------------------

def material_english() -> list[str]:
    """Every label of Material's English language file, less its settings and what Vietnamese
    text legitimately contains as a word ("in": "Bản in", "In trang này")."""
    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    pairs = re.findall(r'"([a-z.]+)":\s*"((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8"))
    skip_keys = ("language", "direction", "search.config.")
    out = [value.replace("#", "").strip() for key, value in pairs if not key.startswith(skip_keys)]
    extra = ["Made with", "Material for MkDocs", "404 - Not found", "Not found"]  # not from the language file
    return sorted({v for v in out + extra if len(v) > 2})


def english_in(text: str, strings: list[str]) -> list[str]:
    return [s for s in strings if re.search(rf"(?<![\w]){re.escape(s)}(?![\w])", text)]


class _Readable(HTMLParser):
    """What a reader or a screen reader meets: text outside scripts and styles, and the words in
    labelling attributes."""

    ATTRS = ("title", "aria-label", "placeholder", "alt", "value", "data-md-tooltip")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        for k, v in attrs:
            if k in self.ATTRS and v:
                self.parts.append(v)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def readable(page_html: str) -> str:
    parser = _Readable()
    parser.feed(page_html)
    text = " ".join(" ".join(parser.parts).split())
    # The strings Material's scripts will draw come from its __config translations.
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page_html, re.S)
    if config:
        text += " " + " ".join(json.loads(config.group(1)).get("translations", {}).values())
    return text


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_material_english_strings_are_read_from_its_own_file():
    strings = material_english()
    assert {"Skip to content", "Back to top", "Initializing search", "Copied to clipboard",
            "No matching documents", "Made with"} <= set(strings)


def test_no_page_shows_the_themes_english(site):
    strings = material_english()
    found = {}
    for page in pages(site):
        hits = english_in(readable(page.read_text(encoding="utf-8")), strings)
        if hits:
            found[page.relative_to(site).as_posix()] = hits
    assert not found


def test_theme_labels_are_vietnamese_and_right(site):
    text = (site / PLAN / "index.html").read_text(encoding="utf-8")
    assert "Bỏ qua, đến nội dung chính" in text and "Lên đầu trang" in text
    assert "Đang chuẩn bị tìm kiếm…" in text
    assert "Trở lại mục lục" not in text


# -- menu ------------------------------------------------------------------------------------------

def _top_menu(page_html: str) -> list[str]:
    nav = page_html[page_html.index("md-nav--primary"):]
    nav = nav[:nav.index("</nav>", nav.index('data-md-level="0"') if 'data-md-level="0"' in nav else 0)]
    items = re.findall(r'<li class="md-nav__item[^"]*">\s*(?:<input[^>]*>\s*)?(?:<div[^>]*>\s*)?<(?:a|label)[^>]*>(.*?)</(?:a|label)>',
                       page_html[page_html.index("md-nav--primary"):], re.S)
    labels = [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", i)).split()) for i in items]
    return labels


def test_menu_in_members_order_with_the_guide_last(site):
    labels = _top_menu((site / "ai-lam-gi" / "index.html").read_text(encoding="utf-8"))
    top = [x for x in labels if x in MEMBER_MENU]
    assert top == MEMBER_MENU, labels
    assert not any(w in labels for w in ("Hiệu năng và khả năng mở rộng", "Tìm kiếm tiếng Việt", "Bản in PDF",
                                         "Tốc độ, hỗ trợ tiếp cận và quyền riêng tư",
                                         "Trích dẫn và liên kết giữa văn bản"))


def test_units_and_campaigns_in_the_menu_by_name_in_vietnamese_order(site):
    from ldkb.text.normalize import sort_key

    corpus = load_corpus(ROOT / "content")
    for folder, names in (("don-vi", [u.ten for u in corpus.units.values()]),
                          ("phong-trao", [c.ten for c in corpus.campaigns])):
        page = (site / folder / "index.html").read_text(encoding="utf-8")
        nav = page[page.index("md-nav--primary"):]
        listed = [htmllib.unescape(" ".join(t.split())) for href, t in re.findall(
            r'<a href="([^"]+)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">(.*?)</span>', nav, re.S)
            if href.strip("./") and "/" not in href.strip("./") and not href.startswith(("#", ".."))]
        listed = [x.strip("“”") for x in listed if x.strip("“”") in names]
        assert len(listed) == len(names) > 3, (folder, listed)
        assert listed == sorted(names, key=sort_key), folder  # by name, not by file name


def test_maintainers_pages_left_the_site_for_the_repository(site):
    for gone in ("hieu-nang", "hieu-nang-xay-dung", "tim-kiem", "ban-in-pdf", "trich-dan"):
        assert not (site / gone).exists(), gone
    for kept in ("hieu-nang.md", "hieu-nang-xay-dung.md", "tim-kiem.md", "ban-in-pdf.md"):
        assert (ROOT / "docs-dev" / kept).is_file()
        assert f"docs-dev/{kept}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_guide_in_working_order(site):
    page = (site / "huong-dan-bien-tap" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)" class="md-nav__link', page)
    order = [h.strip("./") for h in hrefs if h.strip("./") and not h.startswith(("#", ".."))]
    files = [f[:-3] for f in GUIDE_ORDER if f.endswith(".md") and f != "index.md"]
    assert [f for f in order if f in files] == files, order


# -- editors' words ---------------------------------------------------------------------------------

def test_members_pages_carry_no_editors_words(site):
    found = {}
    for page in pages(site):
        rel = page.relative_to(site).as_posix()
        if rel.startswith(EDITOR_PAGES):
            continue
        text = readable(page.read_text(encoding="utf-8"))
        hits = EDITOR_WORDS.findall(text)
        if hits:
            found[rel] = hits
    assert not found


def test_a_document_without_text_says_so_plainly_and_whom_to_ask(tmp_path):
    from ldkb.render.document_page import document_markdown

    corpus = load_corpus(ROOT / "content")
    doc = corpus.by_symbol("37-CT/TW")
    plain = document_markdown(doc, corpus)
    assert "Trang web chưa có toàn văn của văn bản này" in plain and "Khi có toàn văn" in plain
    assert "make validate" not in plain and doc.file not in plain
    preview = document_markdown(doc, corpus, preview=True)
    assert doc.file in preview and "make validate" in preview
    corpus.settings.lien_he = "Văn phòng LĐLĐ tỉnh Mẫu, số máy lẻ 000"
    assert "Cần đọc toàn văn, xin liên hệ: Văn phòng LĐLĐ tỉnh Mẫu, số máy lẻ 000." in document_markdown(doc, corpus)


def test_a_record_card_not_a_mock_official_header(site):
    card = (site / "van-ban" / "37-ct-tw" / "index.html").read_text(encoding="utf-8")
    assert "vb-header" not in card and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" not in card and "ĐẢNG CỘNG SẢN" not in card
    assert re.search(r"<h1[^>]*>Chỉ thị <span class=\"vb-nowrap\">37-CT/TW</span>", card)  # the symbol on one line
    # the plan's subject as a title: capital first letter, the plan's words otherwise
    assert "Tăng cường sự lãnh đạo, chỉ đạo xây dựng quan hệ lao động hài hòa" in card
    plan = (site / PLAN / "index.html").read_text(encoding="utf-8")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in plan and "Số: …/KH-LĐLĐ" in plan


def test_party_documents_get_the_partys_header():
    from ldkb.model.schema import VanBan
    from ldkb.render.document_page import document_markdown
    from ldkb.render.document_view import header_view

    corpus = load_corpus(ROOT / "content")
    doc = VanBan(so_ky_hieu="99-CT/TU", loai="Chỉ thị", co_quan_ban_hanh="Ban Thường vụ Tỉnh ủy Mẫu",
                 ngay_ban_hanh="03/9/2019", trich_yeu="thử nghiệm", noi_dung=[{"so": "I", "tieu_de": "Thử"}])
    doc._slug = "99-ct-tu"
    h = header_view(doc, corpus)
    assert (h.family, h.nation, h.motto, h.number_label) == ("party", "ĐẢNG CỘNG SẢN VIỆT NAM", "", "Số")
    assert h.date == "ngày 03 tháng 9 năm 2019"
    page = document_markdown(doc, corpus)
    assert "vb-header--party" in page and "Độc lập - Tự do - Hạnh phúc" not in page
    assert "Số 99-CT/TU" in page and "CỘNG HÒA" not in page
    state = header_view(corpus.by_symbol("07/CT-TTg"), corpus)
    union = header_view(corpus.by_symbol("117/KH-LĐLĐ"), corpus)
    assert (state.family, union.family) == ("state", "union")
    assert state.nation == union.nation == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


# -- one name, main document first, dates -----------------------------------------------------------

def test_one_name_per_document_in_menu_and_lists(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "ngày 04/02/2020 của Thủ…" not in home and "Kế hoạch thực hiện Chỉ thị 07/CT-TTg" in home
    index = (site / "van-ban" / "index.html").read_text(encoding="utf-8")
    main = re.search(r'<p class="vb-main">Văn bản chính: <a href="[^"]*">([^<]+)</a>', index)
    assert main and main.group(1) == "Kế hoạch thực hiện Chỉ thị 07/CT-TTg"  # the main document first
    by_date = index[index.index('id="theo-ngay"'):]
    listed = re.findall(r'<li><a href="[^"]*">([^<]+)</a> — ', by_date)
    assert listed[0] == "Kế hoạch thực hiện Chỉ thị 07/CT-TTg" and len(listed) == 13
    assert "30/3/2020" in index and "30/03/2020" not in index  # d/m/yyyy in the site's own text


# -- buttons and the printables ---------------------------------------------------------------------

def test_download_is_a_button_and_the_printables_page_lists_every_file(site):
    page = (site / "van-ban" / "117-kh-ldld" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="md-button md-button--primary" href="../../pdf/117-kh-ldld.pdf" download>Tải PDF'
                     r'<span class="ldkb-filesize" data-ldkb-file="pdf/117-kh-ldld.pdf">', page)
    assert 'data-ldkb-action="print"' in page and 'data-ldkb-action="share"' in page
    printables = (site / "ban-in" / "index.html").read_text(encoding="utf-8")
    corpus = load_corpus(ROOT / "content")
    for doc in corpus.documents:
        assert f'data-ldkb-file="pdf/{doc.slug}.pdf"' in printables, doc.slug
    for name in ("so-tay-a4", "so-tay-a5", "so-tay-cdcs-a4", "so-tay-cdcs-a5"):
        assert f'data-ldkb-file="pdf/{name}.pdf"' in printables


def test_sizes_and_page_counts_are_written_in_once_the_files_exist(site, tmp_path):
    import shutil

    from ldkb.export.file_sizes import fill_sizes

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    (copy / "pdf").mkdir(exist_ok=True)
    (copy / "pdf" / "117-kh-ldld.pdf").write_bytes(b"%PDF-" + b"x" * 3000)
    (copy / "pdf" / "so-trang.json").write_text('{"pdf/117-kh-ldld.pdf": 1}', encoding="utf-8")
    (copy / "word").mkdir()
    (copy / "word" / "117-kh-ldld.docx").write_bytes(b"PK" + b"y" * 5000)  # another step's file
    assert fill_sizes(copy) > 0
    page = (copy / "van-ban" / "117-kh-ldld" / "index.html").read_text(encoding="utf-8")
    assert 'data-ldkb-file="pdf/117-kh-ldld.pdf"> (PDF, 1 trang, 3 KB)</span>' in page
    printables = (copy / "ban-in" / "index.html").read_text(encoding="utf-8")
    assert "Kế hoạch 117/KH-LĐLĐ (bản Word)" in printables and "(Word, 5 KB)" in printables
    assert "<h2>Tệp Word</h2>" in printables
    before = {p: p.read_bytes() for p in copy.rglob("*.html")}
    fill_sizes(copy)  # again: the same bytes
    assert all(p.read_bytes() == b for p, b in before.items())


# -- in Chromium ------------------------------------------------------------------------------------

def _open(browser, url: str, size: str):
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.mark.browser
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_menu_order_in_the_browser(site_url, browser, size):
    context, page = _open(browser, site_url + "thuat-ngu/", size)
    try:
        if size == "phone":
            page.click('label.md-header__button[for="__drawer"]')
            page.wait_for_timeout(400)
        labels = page.eval_on_selector_all(
            ".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link, "
            ".md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__container > .md-nav__link:first-child",
            "els => els.filter(e => e.offsetParent !== null).map(e => e.innerText.trim())")
        labels = [" ".join(x.split()) for x in labels if x.strip()]
        assert [x for x in labels if x in MEMBER_MENU] == MEMBER_MENU, labels
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_404_page_in_vietnamese_with_search_and_a_way_home(site_url, browser, size):
    context, page = _open(browser, site_url + "404.html", size)
    try:
        assert page.inner_text("h1") == "Không tìm thấy trang này"
        assert "Not found" not in page.inner_text("body")
        page.click("text=Tìm văn bản")
        page.wait_for_selector("input.md-search__input", state="visible")
        page.keyboard.press("Escape")
        page.goto(site_url + "404.html")
        page.click("text=Về trang chủ")
        page.wait_for_load_state()
        assert page.url.rstrip("/") == site_url.rstrip("/") or page.url.endswith("/index.html")
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_buttons_on_a_document_page(site_url, browser, size):
    context, page = _open(browser, site_url + "van-ban/117-kh-ldld/", size)
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
        download = page.get_by_role("link", name=re.compile("^Tải PDF"))
        box = download.bounding_box()
        assert box and box["height"] >= 40 and box["width"] >= 88  # a button, not a small text link
        for name in ("In trang này", "Chia sẻ"):
            button = page.get_by_role("button", name=name)
            assert button.is_visible()
            assert button.bounding_box()["height"] >= 40
        page.evaluate("() => { window.print = () => { window.__printed = true } }")
        page.get_by_role("button", name="In trang này").click()
        assert page.evaluate("() => window.__printed === true")
        page.evaluate("() => { delete navigator.share }")  # the copy path (desktops have no share sheet)
        page.get_by_role("button", name="Chia sẻ").click()
        page.wait_for_function("() => document.querySelector('.ldkb-actions__status').textContent.length > 0"
                               " || document.querySelector('.ldkb-share-link input')")
        status = page.inner_text(".ldkb-actions")
        assert "Đã chép liên kết" in status or page.locator(".ldkb-share-link input").count() == 1
        if "Đã chép liên kết" in status:
            assert page.evaluate("() => navigator.clipboard.readText()") == site_url + "van-ban/117-kh-ldld/"
    finally:
        context.close()


@pytest.mark.browser
def test_share_from_a_file_shows_the_link_to_copy_by_hand(site, browser):
    context = browser.new_context(**DESKTOP)
    try:
        page = context.new_page()
        url = (site / "van-ban" / "117-kh-ldld" / "index.html").as_uri()
        page.goto(url)
        page.get_by_role("button", name="Chia sẻ").click()
        field = page.locator(".ldkb-share-link input")
        field.wait_for()
        assert field.input_value() == url
        assert "Chép liên kết này để gửi" in page.inner_text(".ldkb-share-link")
        # what the script drew is Vietnamese too
        assert not english_in(page.inner_text(".ldkb-actions"), material_english())
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_graph_page_fits_and_hides_its_legend_with_the_drawing(site_url, browser, size):
    context, page = _open(browser, site_url + "so-do-van-ban/", size)
    try:
        figure, legend = page.locator(".vb-graph-figure"), page.locator("ul.vb-graph-legend")
        if size == "phone":
            assert not figure.is_visible() and not legend.is_visible()
            assert page.locator("#danh-sach-quan-he").is_visible()
        else:
            assert figure.is_visible() and legend.is_visible()
            fits = page.evaluate("() => { const s = document.querySelector('.vb-graph-scroll');"
                                 " return s.scrollWidth <= s.clientWidth + 1 }")
            assert fits  # the whole drawing in view, nothing cut on the right
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_members_pages_show_no_editors_words_in_the_browser(site_url, browser, size):
    context = browser.new_context(**SIZES[size])
    try:
        page = context.new_page()
        for path in ("", PLAN, "van-ban/37-ct-tw/", "van-ban/", "ban-in/", "don-vi/cdcs/"):
            page.goto(site_url + path)
            text = page.inner_text("body")
            assert not EDITOR_WORDS.search(text), (path, EDITOR_WORDS.findall(text))
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_text_drawn_by_scripts_is_vietnamese(site_url, browser, size):
    """Search with and without results, its placeholder and counts, as Material's script draws them."""
    strings = material_english()
    context, page = _open(browser, site_url, size)
    try:
        button = page.locator('label.md-header__button[for="__search"]')
        if button.is_visible():
            button.click()
        box = page.locator("input.md-search__input")
        box.click()
        page.wait_for_timeout(300)
        drawn = [page.inner_text(".md-search")]
        box.fill("phuc loi doan vien")
        box.press("End")
        page.wait_for_selector(".md-search-result__item")
        drawn.append(page.inner_text(".md-search-result"))
        assert re.search(r"\d+ kết quả", drawn[-1])
        box.fill("xyzzyqq")
        box.press("End")
        page.wait_for_function("() => document.querySelector('.md-search-result__meta').innerText.includes('Không')")
        drawn.append(page.inner_text(".md-search-result"))
        assert "Không tìm thấy kết quả nào" in drawn[-1]
        assert not [english_in(t, strings) for t in drawn if english_in(t, strings)]
    finally:
        context.close()
