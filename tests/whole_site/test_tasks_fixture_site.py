"""The task fixture's built site (one build per session, LDKB_TODAY fixed): every hand-written
(task, unit, role, deadline) pair appears in "Ai làm gì", on the unit's page, in the unit's report
form and calendar, and nothing else does; the table's text is on the page and in the PDF as
written; what is late and what falls due soon; files byte-identical from one build to the next."""
from __future__ import annotations

import datetime as dt
import html as htmlmod
import io
import re

import pytest
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from conftest import TASKS_FIXTURE
from graphsite import article, links, resolve
from tasks_expected import DOC, LATE, NO_UNIT, OUTSIDE, PAIRS, ROLE_LABELS, SOON, UNITS, pairs_of

from ldkb.export.calendar import unit_calendar_bytes
from ldkb.export.report_form_docx import report_form_docx_bytes
from ldkb.model.corpus import load_corpus
from ldkb.pdf.document_html import document_html
from ldkb.pdf.renderer import Job, render_job
from ldkb.pdf.report_form import report_form_html

TODAY = dt.date(2025, 10, 15)
PLAN = f"van-ban/{DOC}/index.html"


def _plain(fragment: str) -> str:
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _anchor(site, page, href) -> str | None:
    target, frag = resolve(site, page, href)
    return frag if target == site / PLAN else None


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(TASKS_FIXTURE, today=TODAY)


# -- "Ai làm gì" ----------------------------------------------------------------------------

def _matrix(site):
    page = "ai-lam-gi/index.html"
    html = (site / page).read_text(encoding="utf-8")
    table = html[html.index("<table"):html.index("</table>")]
    head = table[:table.index("</thead>")]
    cols = [resolve(site, page, a["href"])[0].parent.name for a in links(head)]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table[table.index("<tbody>"):], re.S):
        anchor = _anchor(site, page, links(row)[0]["href"])
        cells = re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S)
        rows[anchor] = cells
    return cols, rows, html


def test_matrix_shows_every_pair_and_no_other(tasks_site):
    cols, rows, _ = _matrix(tasks_site)
    assert set(UNITS) <= set(cols)
    found = set()
    for anchor, cells in rows.items():
        if anchor in NO_UNIT:
            assert "vb-matrix__nobody" in cells[0][0] and "Không nêu đơn vị" in _plain(cells[0][1])
            continue
        for unit, (_, cell) in zip(cols, cells, strict=False):
            text = _plain(cell)
            if text:
                via = re.search(r"qua “(.+)”", text)
                role = text.split(" qua ")[0]
                found.add((anchor, unit, role, via.group(1) if via else None))
    expected = {(a, u, ROLE_LABELS[r], "Các cấp công đoàn" if via else None) for a, u, r, _, via in PAIRS}
    assert found == expected
    # Deadlines as written, in the last column; outside bodies in their own column, as written.
    for anchor, _unit, _role, deadline, _ in PAIRS:
        assert _plain(rows[anchor][-1][1]) == (deadline or "")
    for anchor, name, role in OUTSIDE:
        assert f"{ROLE_LABELS[role]}: {name}" in _plain(rows[anchor][-2][1])


def test_matrix_cards_for_phones_hold_the_same_pairs(tasks_site):
    _, _, html = _matrix(tasks_site)
    cards = html[html.index('<div class="vb-matrix-cards">'):]
    found = set()
    for unit, body in re.findall(r'<section class="vb-card" data-unit="([^"]+)">(.*?)</section>', cards, re.S):
        for item in re.findall(r"<li>(.*?)</li>", body, re.S):
            anchor = _anchor(tasks_site, "ai-lam-gi/index.html", links(item)[0]["href"])
            role = _plain(re.search(r'vb-card__role">(.*?)</span>', item, re.S).group(1)).split(" · ")[0]
            found.add((anchor, unit, role.split(" (qua")[0]))
    assert found == {(a, u, ROLE_LABELS[r]) for a, u, r, _, _ in PAIRS}
    nobody = re.search(r'vb-card--nobody">(.*?)</section>', cards, re.S).group(1)
    assert [_anchor(tasks_site, "ai-lam-gi/index.html", a["href"]) for a in links(nobody)] == NO_UNIT


# -- unit pages ------------------------------------------------------------------------------

def _checklist(site, unit):
    page = f"don-vi/{unit}/index.html"
    html = article((site / page).read_text(encoding="utf-8"))
    items = []
    for anchor, body in re.findall(rf'<li class="vb-check[^"]*" id="{DOC}--([^"]+)">(.*?)</li>', html, re.S):
        facts = {_plain(k): _plain(v) for k, v in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", body, re.S)}
        status = _plain(re.search(r'vb-check__status">(.*?)</p>', body, re.S).group(1))
        items.append((anchor, facts, status, body))
    return items, html


@pytest.mark.parametrize("unit", UNITS)
def test_unit_page_is_the_units_checklist(tasks_site, unit):
    items, html = _checklist(tasks_site, unit)
    expected = {(a, ROLE_LABELS[r], d) for a, u, r, d, _ in pairs_of(unit)}
    found = set()
    for anchor, facts, _, _ in items:
        deadline = facts["Thời hạn"]
        found.add((anchor, facts["Vai trò"].split(" (")[0],
                   None if deadline == "văn bản không nêu" else deadline.split(" (")[0]))
    assert found == expected
    # Marked as such: a task addressed to a group the unit belongs to.
    for anchor, facts, _, _ in items:
        via = [p for p in pairs_of(unit) if p[0] == anchor][0][4]
        assert ("việc giao cho “Các cấp công đoàn trong tỉnh Mẫu”" in facts["Vai trò"]) == bool(via)
    # Dated tasks first, by due date; then the others in document order.
    anchors = [a for a, _, _, _ in items]
    assert len(anchors) == len(set(anchors))
    assert "tính đến 15/10/2025" in _plain(html)


def test_checklist_order_status_and_links(tasks_site):
    items, html = _checklist(tasks_site, "ban-to-chuc")
    assert [a for a, _, _, _ in items] == [
        "ii-2-b", "pli-y1-d1", "pli-y1-d2", "pli-y1-d3", "pli-y1-d6", "pli-y1-d8"]
    status = {a: s for a, _, s, _ in items}
    assert status["pli-y1-d1"].startswith("Hoàn thành") and "20/3/2025" in status["pli-y1-d1"]
    assert status["ii-2-b"] == "Chưa có báo cáo · Quá hạn"
    assert status["pli-y1-d6"] == "Chưa có báo cáo · Sắp đến hạn"
    facts = {a: f for a, f, _, _ in items}
    assert facts["pli-y1-d2"]["Chủ trì"] == "Ban Tuyên giáo; Ban TC"  # the table's own words
    assert facts["pli-y1-d2"]["Phối hợp"] == "Sở Thử Nghiệm tỉnh Mẫu"
    assert facts["pli-y1-d1"]["Sản phẩm"] == "Kế hoạch"
    body = {a: b for a, _, _, b in items}["pli-y1-d1"]
    report_link = [a for a in links(body) if "22-bc-ldld" in a["href"]]
    assert report_link and report_link[0]["text"] == "22/BC-LĐLĐ"
    # Every task links to its place on the plan's page.
    for a, _, _, b in items:
        assert a in [_anchor(tasks_site, "don-vi/ban-to-chuc/index.html", x["href"]) for x in links(b)]
    cdcs, _ = _checklist(tasks_site, "cdcs")
    status = {a: s for a, _, s, _ in cdcs}
    assert status["iii-1"].startswith("Đang thực hiện") and "45/120 đơn vị đã báo cáo" in status["iii-1"]


def test_unit_page_links_report_form_and_calendar(tasks_site):
    html = (tasks_site / "don-vi/cdcs/index.html").read_text(encoding="utf-8")
    hrefs = {a["text"]: a["href"] for a in links(article(html))}
    assert hrefs["Thêm vào lịch"] == "../../lich/cdcs.ics"
    assert (tasks_site / "lich/cdcs.ics").is_file()
    assert hrefs["Mẫu báo cáo để điền"] == "../../mau-bao-cao/mau-bao-cao-cdcs.docx"
    assert (tasks_site / "mau-bao-cao/mau-bao-cao-cdcs.docx").is_file()
    assert hrefs["Mẫu báo cáo để in"] == "../../pdf/mau-bao-cao-cdcs.pdf"  # made by build_pdf.py
    assert hrefs["Tải sổ tay, khổ A4"] == "../../pdf/so-tay-cdcs-a4.pdf"
    assert hrefs["Khổ A5, bỏ túi"] == "../../pdf/so-tay-cdcs-a5.pdf"


def test_unit_page_files_are_buttons_with_their_sizes(tasks_site, tmp_path):
    """As on a document's page: each file a button, its kind, page count and size written in once
    the files exist (export/file_sizes.py, run by the PDF build)."""
    import shutil

    from ldkb.export.file_sizes import fill_sizes

    site = tmp_path / "site"
    shutil.copytree(tasks_site, site)
    (site / "pdf").mkdir(exist_ok=True)
    for name, size in (("so-tay-cdcs-a4.pdf", 30_000), ("so-tay-cdcs-a5.pdf", 40_000), ("mau-bao-cao-cdcs.pdf", 9_000)):
        (site / "pdf" / name).write_bytes(b"%PDF-" + b"x" * size)  # stand-ins for build_pdf.py's files
    (site / "pdf" / "so-trang.json").write_text(
        '{"pdf/so-tay-cdcs-a4.pdf": 12, "pdf/so-tay-cdcs-a5.pdf": 20, "pdf/mau-bao-cao-cdcs.pdf": 2}', encoding="utf-8")
    fill_sizes(site)
    html = article((site / "don-vi/cdcs/index.html").read_text(encoding="utf-8"))
    box = re.search(r'<div class="ldkb-actions vb-pdf vb-unit-files"[^>]*>(.*?)</div>', html, re.S).group(1)
    buttons = {_plain(m.group(2)): m.group(1) for m in re.finditer(r'<a class="md-button[^"]*" href="([^"]+)" download>(.*?)</a>', box, re.S)}
    docx = (site / "mau-bao-cao/mau-bao-cao-cdcs.docx").stat().st_size
    ics = (site / "lich/cdcs.ics").stat().st_size
    assert buttons == {
        "Tải sổ tay, khổ A4 (PDF, 12 trang, 29 KB)": "../../pdf/so-tay-cdcs-a4.pdf",
        "Khổ A5, bỏ túi (PDF, 20 trang, 39 KB)": "../../pdf/so-tay-cdcs-a5.pdf",
        f"Mẫu báo cáo để điền (Word, {max(1, round(docx / 1024))} KB)": "../../mau-bao-cao/mau-bao-cao-cdcs.docx",
        "Mẫu báo cáo để in (PDF, 2 trang, 9 KB)": "../../pdf/mau-bao-cao-cdcs.pdf",
        f"Thêm vào lịch (tệp lịch, {max(1, round(ics / 1024))} KB)": "../../lich/cdcs.ics"}


# -- Việc sắp đến hạn -------------------------------------------------------------------------

def test_upcoming_page_lists_late_and_soon(tasks_site):
    page = "viec-sap-den-han/index.html"
    html = article((tasks_site / page).read_text(encoding="utf-8"))
    assert "Tính đến 15/10/2025" in _plain(html)
    late_html = html[html.index('id="qua-han"'):html.index('id="sap-den-han"')]
    soon_html = html[html.index('id="sap-den-han"'):]

    def pairs(fragment):
        out = set()
        for item in re.findall(r"<li>(.*?)</li>", fragment, re.S):
            unit, anchor = None, None
            for a in links(item):
                target, frag = resolve(tasks_site, page, a["href"])
                if target.parent.parent.name == "don-vi":
                    unit = target.parent.name
                elif target == tasks_site / PLAN:
                    anchor = frag
            out.add((anchor, unit))
        return out

    assert pairs(late_html) == LATE
    assert pairs(soon_html) == SOON
    # A recurring deadline left without a report is late for the quarter that ended (30/9/2025).
    assert re.search(r"30/9/2025</strong> — <a[^>]*>Các cấp công đoàn trong tỉnh Mẫu", late_html)


# -- the plan's page and PDF ------------------------------------------------------------------

def test_plan_page_numbers_as_written_runs_untitled_items_into_their_text(tasks_site):
    html = article((tasks_site / PLAN).read_text(encoding="utf-8"))
    for anchor, number, text in (("ii-1", "1.", "Tổ chức hội nghị thử nghiệm"), ("ii-2", "2)", "Tổ chức các hoạt động"),
                                 ("ii-2-a", "a)", "Hội thi thử nghiệm"), ("ii-2-b", "b.", "Sơ kết hội thi"),
                                 ("ii-2-c", "c/", "Triển lãm ảnh")):
        m = re.search(rf'<p id="{anchor}-y1" class="vb-runin"><span class="vb-num" id="{anchor}"[^>]*>'
                      rf"{re.escape(number)}</span> {text}", html)
        assert m, anchor
        assert not re.search(rf'<h\d[^>]*id="{anchor}"', html)  # no heading line of its own
    assert re.search(r'<h3[^>]* id="iii-1"[^>]*>1\. Đối với Công đoàn cơ sở', html)  # titled parts unchanged


def test_plan_page_shows_the_task_table_as_written_with_row_anchors(tasks_site, corpus):
    html = article((tasks_site / PLAN).read_text(encoding="utf-8"))
    table = corpus.by_symbol("15/KH-LĐLĐ").phu_luc[0].noi_dung[0].bang
    for n, row in enumerate(table.dong, 1):
        m = re.search(rf'<tr id="pli-y1-d{n}">(.*?)</tr>', html, re.S)
        assert m, n
        cells = re.findall(r"<td>(.*?)</td>", m.group(1), re.S)
        assert [_plain(c.replace("<br>", "\n")) for c in cells] == [" ".join(c.split()) for c in row]
        for c, cell in zip(row, cells, strict=True):
            assert cell.count("<br>") == c.count("\n")  # line breaks kept


def test_plan_page_shows_progress_per_section(tasks_site):
    html = article((tasks_site / PLAN).read_text(encoding="utf-8"))
    part = html[html.index('id="tien-do-thuc-hien"'):]
    text = _plain(part[:part.index("</ul>")]).replace(" :", ":")
    assert "Tính đến 15/10/2025" in text
    assert "Mục II — NHIỆM VỤ: 7 việc giao cho đơn vị (7 chưa có báo cáo; 5 quá hạn)" in text
    assert "Đoạn kết: 4 việc giao cho đơn vị (1 đang thực hiện, 3 chưa có báo cáo; 3 quá hạn)" in text
    assert "Mục I — MỤC ĐÍCH, YÊU CẦU: 1 việc giao chung hoặc không nêu đơn vị" in text


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).split())


def _squeeze(text: str) -> str:
    """Without whitespace: a narrow PDF cell breaks `Quý I/2025` after the slash."""
    return "".join(text.split())


def test_plan_pdf_prints_the_table_verbatim_and_runs_numbers_in(corpus):
    doc = corpus.by_symbol("15/KH-LĐLĐ")
    _, data, _ = render_job(Job("x.pdf", document_html(doc, corpus), "official", None, None, "document"))
    text = _pdf_text(data)
    for row in doc.phu_luc[0].noi_dung[0].bang.dong:
        for cell in row:
            for line in cell.split("\n"):
                assert " ".join(line.split()) in text, line
    for number, words in (("1.", "Tổ chức hội nghị"), ("2)", "Tổ chức các hoạt động"), ("a)", "Hội thi"),
                          ("b.", "Sơ kết hội thi"), ("c/", "Triển lãm ảnh")):
        assert f"{number} {words}" in text


# -- report forms ----------------------------------------------------------------------------

@pytest.mark.parametrize("unit", UNITS)
def test_report_form_docx_has_one_row_per_task(tasks_site, corpus, unit):
    data = (tasks_site / f"mau-bao-cao/mau-bao-cao-{unit}.docx").read_bytes()
    assert data == report_form_docx_bytes(corpus, corpus.units[unit])  # same bytes every time
    document = Document(io.BytesIO(data))
    table = document.tables[1]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["STT", "Nhiệm vụ", "Thời hạn", "Kết quả thực hiện", "Khó khăn, vướng mắc", "Đề xuất"]
    rows = table.rows[1:]
    expected = pairs_of(unit)
    assert len(rows) == len(expected)
    tasks = {t.anchor: t for t in corpus.tasks[DOC]}
    found = set()
    for row in rows:
        cells = [c.text for c in row.cells]
        label = cells[1].split(" (")[0]
        anchor = next(a for a, t in tasks.items() if t.label == label)
        role = re.search(r"\((chủ trì|thực hiện|phối hợp)", cells[1]).group(1)
        found.add((anchor, role, None if cells[2] == "Không nêu" else cells[2]))
        assert cells[4] == cells[5] == ""  # left for the unit to fill
    assert found == {(a, ROLE_LABELS[r].lower(), d) for a, _, r, d, _ in expected}
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert document.styles["Normal"].font.name == "Times New Roman"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "Kết quả thực hiện Kế hoạch 15/KH-LĐLĐ" in text


def test_report_form_prefills_recorded_status(corpus):
    document = Document(io.BytesIO(report_form_docx_bytes(corpus, corpus.units["ban-to-chuc"])))
    results = {row.cells[1].text.split(" (")[0]: row.cells[3].text for row in document.tables[1].rows[1:]}
    assert results["Phụ lục I, dòng 1 của bảng"].startswith("Hoàn thành (báo cáo ngày 20/3/2025)")
    assert results["Phụ lục I, dòng 2 của bảng"] == ""
    # The header keeps blanks for the report's number and date: nothing invented.
    header = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "Số: ……/BC-……" in header and "ngày …… tháng …… năm ……" in header


def test_report_form_pdf_lists_the_units_tasks(corpus):
    _, data, _ = render_job(Job("rf.pdf", report_form_html(corpus, corpus.units["van-phong"]), "official", None,
                                None, "report-form"))
    text = _pdf_text(data)
    assert "BÁO CÁO" in text and "Kết quả thực hiện" in text
    for anchor, _, role, deadline, _ in pairs_of("van-phong"):
        label = next(t.label for t in corpus.tasks[DOC] if t.anchor == anchor)
        assert _squeeze(f"{label} ({ROLE_LABELS[role].lower()})") in _squeeze(text)
        assert _squeeze(deadline) in _squeeze(text)
    assert "Mục II.2.a" not in text  # not the unit's


# -- calendars -------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", UNITS)
def test_unit_calendar_has_an_event_per_dated_task(tasks_site, corpus, unit):
    data = (tasks_site / f"lich/{unit}.ics").read_bytes()
    assert data == unit_calendar_bytes(corpus, unit)  # byte-identical for the same content and date
    cal = Calendar.from_ical(data)
    assert str(cal["PRODID"]) and str(cal["VERSION"]) == "2.0"
    events = cal.walk("VEVENT")
    tasks = {t.uid: t for t in corpus.tasks[DOC]}
    dated = {(a, d) for a, _, _, d, _ in pairs_of(unit) if d and d.lower() != "thường xuyên"}
    assert {(tasks[str(e["UID"])].anchor, tasks[str(e["UID"])].deadline.text) for e in events} == dated
    for e in events:
        assert e["DTSTAMP"].dt == dt.datetime(2025, 10, 15, tzinfo=dt.UTC)
        assert isinstance(e["DTSTART"].dt, dt.date) and not isinstance(e["DTSTART"].dt, dt.datetime)
        t = tasks[str(e["UID"])]
        if t.deadline.recurring:
            assert "RRULE" in e and e["RRULE"]["UNTIL"][0] == dt.date(2026, 12, 31)
        else:
            assert e["DTSTART"].dt == t.deadline.end  # the range's last day
        assert "URL" not in e  # no site address set in this build
        assert f"Nguồn: Kế hoạch 15/KH-LĐLĐ, {t.label}" in str(e["DESCRIPTION"])


def test_calendar_events_name_lead_partners_and_link_when_the_site_address_is_known(corpus):
    cal = Calendar.from_ical(unit_calendar_bytes(corpus, "van-phong", "https://kho.example.vn/"))
    by_anchor = {}
    tasks = {t.uid: t for t in corpus.tasks[DOC]}
    for e in cal.walk("VEVENT"):
        by_anchor[tasks[str(e["UID"])].anchor] = e
    e = by_anchor["pli-y1-d3"]
    assert str(e["URL"]) == f"https://kho.example.vn/van-ban/{DOC}/#pli-y1-d3"
    description = str(e["DESCRIPTION"])
    assert "Chủ trì: Công đoàn ngành Thử Nghiệm" in description and "Phối hợp: Ban Tổ chức, Văn phòng" in description
    assert e["DTSTART"].dt == dt.date(2025, 9, 30)
    quarterly = Calendar.from_ical(unit_calendar_bytes(corpus, "cdcs"))
    rules = {str(tasks[str(e["UID"])].anchor): e["RRULE"] for e in quarterly.walk("VEVENT")}
    assert rules["ket-thuc-y1"]["BYMONTH"] == [3, 6, 9, 12] and rules["pli-y1-d7"]["BYMONTH"] == [12]


def test_closing_part_has_one_name_on_page_and_pdf(tasks_site, corpus):
    from ldkb.pdf.handbook import unit_handbook_html

    handbook = unit_handbook_html(corpus, corpus.units["cdcs"])
    page = (tasks_site / "ai-lam-gi/index.html").read_text(encoding="utf-8")
    assert "Đoạn kết" in handbook and "Đoạn kết" in page
    assert "Phần kết" not in handbook and "Phần kết" not in page


def test_reference_date_is_part_of_every_pdf_cache_key(corpus):
    from ldkb.pdf.build import plan_jobs

    jobs = plan_jobs(corpus, handbooks=False)
    assert {j.today for j in jobs} == {"2025-10-15"}
    forms = sorted(j.name for j in jobs if j.kind == "report-form")
    assert forms == sorted(f"mau-bao-cao-{u}.pdf" for u in UNITS)
    job = jobs[0]
    later = Job(job.name, job.html, job.layout, job.size, job.variant, job.kind, "2025-10-16")
    assert later.key() != job.key()
    # Only the date differs: a page computed on another day is another file in the cache.
    same = Job(job.name, job.html, job.layout, job.size, job.variant, job.kind, job.today)
    assert same.key() == job.key()


def test_plan_page_says_when_a_deadline_names_no_unit(tasks_site):
    html = article((tasks_site / PLAN).read_text(encoding="utf-8"))
    m = re.search(r'<p id="i-2-y1">.*?</p>\s*<p class="vb-task">(.*?)</p>', html, re.S)
    assert m and _plain(m.group(1)) == "Không nêu đơn vị · Thời hạn: năm 2025"
    # A point that inherits its unit from the part above is not "không nêu đơn vị".
    assert "Không nêu đơn vị" not in _plain(re.search(r'id="ii-2-a-y1".*?</p>', html, re.S).group(0))
