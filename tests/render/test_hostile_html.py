"""HTML or `<script>` typed into any field is shown as text on the site and in the PDFs,
never executed or interpreted: checked in the built HTML, in Chromium and in the PDF text."""
from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, run_mkdocs, serve_dir

pytestmark = pytest.mark.slow

DOC = "117-kh-ldld"


def payload(i: int) -> str:
    return f'<script>alert("x{i}")</script><img src=x onerror=alert({i})> **đậm** [liên kết](javascript:alert({i}))'


def marker(i: int) -> str:
    return f'<script>alert("x{i}")</script>'


class Hostile:
    """Numbered payloads for every free-text field of a document and a unit; remembers which is where."""

    def __init__(self):
        self.fields: dict[int, str] = {}

    def __call__(self, field: str) -> str:
        n = len(self.fields) + 1
        self.fields[n] = field
        return payload(n)


# Fields the document page does not display at all (nothing to escape there).
NOT_ON_PAGE: set[str] = set()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-html")
    project = copy_project(tmp / "project")
    p = Hostile()
    units = project / "content" / "don-vi.yml"
    units.write_text(units.read_text(encoding="utf-8") + "  - ma: don-vi-thu\n    ten: "
                     + yaml.safe_dump(p("don_vi.ten"), allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()
                     + "\n", encoding="utf-8")
    # Registries: a glossary meaning (tooltips on the plan's page) and a campaign name (its own page).
    terms_path = project / "content" / "thuat-ngu.yml"
    terms = yaml.safe_load(terms_path.read_text(encoding="utf-8"))
    cdcs = next(t for t in terms["thuat_ngu"] if t["viet_tat"] == "CĐCS")
    cdcs["day_du"], cdcs["ghi_chu"] = p("registry:thuat_ngu.day_du"), p("registry:thuat_ngu.ghi_chu")
    terms_path.write_text(yaml.safe_dump(terms, allow_unicode=True, sort_keys=False), encoding="utf-8")
    camps_path = project / "content" / "phong-trao.yml"
    camps = yaml.safe_load(camps_path.read_text(encoding="utf-8"))
    camps["phong_trao"].append({"ma": "phong-trao-thu", "ten": p("registry:phong_trao.ten"),
                                "mo_ta": p("registry:phong_trao.mo_ta")})
    camps_path.write_text(yaml.safe_dump(camps, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path = project / "content" / "van-ban" / f"{DOC}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # Deadlines follow a grammar now (an unknown wording is a content error): free text goes to the output
    # and to the names of bodies outside the registry.
    block = lambda w: {"doan_van": p(f"{w}.doan_van"), "chu_tri": "don-vi-thu", "thoi_han": "năm 2025",  # noqa: E731
                       "san_pham": p(f"{w}.san_pham"), "ngoai_danh_muc": {"phoi_hop": [p(f"{w}.ngoai_danh_muc")]}}
    data.update({
        "co_quan_chu_quan": p("co_quan_chu_quan"), "co_quan_ban_hanh": p("co_quan_ban_hanh"),
        "noi_ban_hanh": p("noi_ban_hanh"), "trich_yeu": p("trich_yeu"),
        "can_cu": [p("can_cu")], "hieu_luc": {"tinh_trang": "chua-ro", "ghi_chu": p("hieu_luc.ghi_chu")},
        "mo_dau": [p("mo_dau"), block("mo_dau")],
        "noi_dung": [{"so": "I", "tieu_de": p("muc.tieu_de"), "noi_dung": [
            {"gach_dau_dong": p("gach_dau_dong")}, block("muc"),
            {"bang": {"tieu_de": p("bang.tieu_de"), "cot": [p("bang.cot"), p("bang.cot")],
                      "dong": [[p("bang.dong"), p("bang.dong")]]}}],
            "muc": [{"so": "1", "tieu_de": p("muc.muc.tieu_de"),
                     "muc": [{"so": "a", "noi_dung": [p("diem_a")]}]}]}],
        "ket_thuc": [p("ket_thuc")],
        "phu_luc": [{"so": "I", "tieu_de": p("phu_luc.tieu_de"), "noi_dung": [p("phu_luc.noi_dung")]}],
        "noi_nhan": [{"ten": p("noi_nhan.ten"), "muc_dich": p("noi_nhan.muc_dich")}], "luu": p("luu"),
        "nguoi_ky": {"tham_quyen": p("tham_quyen"), "chuc_vu": p("chuc_vu"), "ho_ten": p("ho_ten")},
        "nguon": p("nguon"), "ghi_chu": p("ghi_chu"),
    })
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp / "site"
    result = run_mkdocs(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, site, p.fields


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_no_injected_markup_on_any_page(hostile):
    _, site, _ = hostile
    pages = list(site.rglob("*.html"))
    assert pages
    for page in pages:
        for tag, attrs in parse(page).found:
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript:"), (page, attrs)
            assert attrs.get("src") != "x", (page, tag)
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
            if "json" not in attrs:  # data blocks (JSON-LD) may quote the text; code must not
                assert "alert(" not in body, (page, attrs)


def test_every_field_shows_its_text_literally(hostile):
    _, site, fields = hostile
    text = " ".join("".join(parse(site / "van-ban" / DOC / "index.html").text).split())
    missing = [fields[i] for i in fields if marker(i) not in text and fields[i] not in NOT_ON_PAGE
               and not fields[i].startswith("registry:")]
    assert missing == [], f"fields not shown as text: {missing}"
    assert "**đậm** [liên kết](javascript:alert(" in text  # Markdown is not interpreted either


def test_registry_text_is_shown_literally(hostile):
    _, site, fields = hostile
    number = {f: i for i, f in fields.items()}
    pages = {p: " ".join("".join(parse(p).text).split()) for p in site.rglob("*.html")}
    for field in ("registry:thuat_ngu.day_du", "registry:phong_trao.ten"):
        assert any(marker(number[field]) in t for t in pages.values()), field


def test_search_index_and_data_carry_text_not_markup(hostile):
    _, site, _ = hostile
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>" not in index and "onerror=alert" not in index.replace("&lt;img src=x onerror=alert", "")


def test_nothing_runs_in_a_real_browser(hostile, browser):
    _, site, fields = hostile
    url, server = serve_dir(site)
    try:
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for rel in (f"van-ban/{DOC}/", "van-ban/", ""):
            page.goto(url + rel, wait_until="load")
            page.wait_for_timeout(300)
        page.goto(url + f"van-ban/{DOC}/", wait_until="load")
        body = page.inner_text("body")
        number = {f: i for i, f in fields.items()}
        assert marker(number["trich_yeu"]) in body and marker(number["ghi_chu"]) in body
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
        assert dialogs == []
        page.close()
    finally:
        server.shutdown()


def test_pdf_shows_the_text_literally(hostile):
    project, _, fields = hostile
    site = project / "pdf-site"
    result = subprocess.run([sys.executable, "build_pdf.py", "--site-dir", str(site), "--no-cache"],
                            cwd=project, capture_output=True, text=True, timeout=900)
    pdf = site / "pdf" / f"{DOC}.pdf"
    assert pdf.exists(), result.stdout + result.stderr
    from pypdf import PdfReader

    # Headings are set in capitals by the stylesheet: compare without case.
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split()).lower()
    # What a document's PDF prints of its record (the task lines, sources and notes are site-only).
    expected = {f for f in fields.values() if not f.startswith("registry:")} - NOT_ON_PAGE - {
        "don_vi.ten", "mo_dau.san_pham", "muc.san_pham", "mo_dau.ngoai_danh_muc", "muc.ngoai_danh_muc", "nguon",
        "ghi_chu", "hieu_luc.ghi_chu"}
    missing = [fields[i] for i in fields if fields[i] in expected and f'alert("x{i}")' not in text]
    assert missing == [], missing
    assert "<script>alert(" in text and "onerror=alert" in text
