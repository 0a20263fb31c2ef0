"""The "Bản in" page: the one list of what a member can print or keep (issue 18, part 1).

The pages are built before the PDFs exist, so sizes and page counts cannot be written here:
every file carries an empty `file_note` placeholder that the PDF build fills once the files are
in the site (ldkb.export.file_sizes), and a `FOUND` block where that step lists the printable
files other build steps put into the site (report forms, Word files) that `printables` does
not name. Same files, same bytes: the filled page is as reproducible as the PDFs. Search takes
its introduction and headings only (ldkb-search `derived_pages`): the lists repeat documents' names.
"""
from __future__ import annotations

from dataclasses import dataclass

from ldkb.model.corpus import Corpus
from ldkb.model.folders import document_page
from ldkb.render.markup import esc, file_note, page_link
from ldkb.render.paths import (PDF_DIR, SIZES, collection_pdf, document_docx, document_pdf, pdf_path,
                               report_form_docx, report_form_pdf, unit_pdf)
from ldkb.render.unit_pages import units_with_tasks

PRINT_PAGE = "ban-in.md"
FOUND_OPEN = '<div class="ldkb-found" data-ldkb-found>'
FOUND_CLOSE = "</div><!-- /ldkb-found -->"


@dataclass(frozen=True)
class Printable:
    path: str  # inside the site: "pdf/so-tay-a4.pdf"
    group: str  # heading it is listed under on the "Bản in" page
    title: str  # what it is, for a member: "Sổ tay toàn bộ văn bản"
    note: str = ""  # "khổ A4", "bản theo thể thức", …
    page: str | None = None  # the document's page (`van-ban/117-kh-ldld`): its title links there


GROUPS = ("Sổ tay", "Sổ tay dành cho từng đơn vị", "Văn bản", "Mẫu báo cáo kết quả thực hiện")
ANCHORS = {"Sổ tay": "so-tay", "Sổ tay dành cho từng đơn vị": "so-tay-don-vi", "Văn bản": "van-ban",
           "Mẫu báo cáo kết quả thực hiện": "mau-bao-cao"}


def printables(corpus: Corpus) -> list[Printable]:
    """Every printed file the PDF build makes, in the order the "Bản in" page lists them."""
    out: list[Printable] = []
    for size in SIZES:
        out.append(Printable(f"{PDF_DIR}/{collection_pdf(size)}", "Sổ tay", "Sổ tay toàn bộ văn bản",
                             _size_note(size)))
    for unit in corpus.units.values():
        for size in SIZES:
            out.append(Printable(f"{PDF_DIR}/{unit_pdf(unit.ma, size)}", "Sổ tay dành cho từng đơn vị",
                                 f"Sổ tay dành cho {unit.ten}", _size_note(size)))
    for doc in corpus.sorted_documents():
        note = "PDF theo thể thức, khổ A4" if doc.full_text else "phiếu thông tin, chưa có toàn văn"
        page = document_page(doc.slug)
        out.append(Printable(f"{PDF_DIR}/{document_pdf(doc)}", "Văn bản", doc.title, note, page))
        if doc.full_text:  # the editable Word file (ldkb.export.docx_build)
            out.append(Printable(f"{PDF_DIR}/{document_docx(doc)}", "Văn bản", doc.title, "bản Word, sửa được", page))
    for unit in units_with_tasks(corpus):  # one report form per unit some task reaches (issue 16)
        title = f"Mẫu báo cáo của {unit.ten}"
        group = "Mẫu báo cáo kết quả thực hiện"
        out.append(Printable(pdf_path(report_form_pdf(unit.ma)), group, title, "PDF để in"))
        out.append(Printable(report_form_docx(unit.ma), group, title, "bản Word, điền được"))
    return out


def _size_note(size: str) -> str:
    return "khổ A4" if size == "a4" else "khổ A5, bỏ túi"


def _items(rows: list[Printable], prefix: str) -> list[str]:
    """One line per book or document; several sizes of one book share its line."""
    out: list[str] = []
    groups: list[list[Printable]] = []
    for p in rows:
        if groups and groups[-1][0].title == p.title:
            groups[-1].append(p)
        else:
            groups.append([p])
    for group in groups:
        first = group[0]
        stem = first.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        head = (f'<li class="ldkb-printable" data-ldkb-stem="{esc(stem)}" data-ldkb-title="{esc(first.title)}">')
        if len(group) == 1:
            note = f' <span class="ldkb-printable__note">— {esc(first.note)}</span>' if first.note else ""
            out.append(f'{head}<a href="{esc(prefix + first.path)}" download>{esc(first.title)}</a>{note}'
                       f"{file_note(first.path)}</li>")
        else:
            links = "".join(f'<span class="ldkb-printable__size"><a href="{esc(prefix + p.path)}" download>'
                            f"{esc(p.note or p.path)}</a>{file_note(p.path)}</span>" for p in group)
            # A document's name leads to its page (as plain text, the citation pass linked the
            # directive named inside the plan's name to the directive).
            title = page_link(first.page, first.title) if first.page else esc(first.title)
            out.append(f'{head}<span class="ldkb-printable__title">{title}</span>{links}</li>')
    return out


def printables_markdown(corpus: Corpus, *, prefix: str = "../") -> str:
    """The page; `prefix` leads from the page to the site's root (`ban-in/` -> `../`)."""
    items = printables(corpus)
    out = ["---", 'title: "Bản in"',
           'description: "Mọi tệp để in hoặc lưu về máy: sổ tay, văn bản, kèm dung lượng và số trang."',
           "---", "", "# Bản in: sổ tay và tệp PDF {#ban-in}", "",
           "Các tệp để in hoặc lưu về máy, kèm số trang và dung lượng. Sổ tay gom nhiều văn bản vào một "
           "tệp có bìa và mục lục; khổ A5 gấp đôi được thành sách bỏ túi. Mỗi văn bản cũng có tệp PDF riêng "
           "(nút **Tải PDF** trên trang văn bản). Đơn vị được giao việc có mẫu báo cáo kết quả thực hiện, "
           "bản PDF để in và bản Word để điền.", ""]
    for group in GROUPS:
        rows = [p for p in items if p.group == group]
        if not rows:
            continue
        out += [f"## {group} {{#{ANCHORS[group]}}}", "",
                f'<ul class="ldkb-printables">{"".join(_items(rows, prefix))}</ul>', ""]
    out += [FOUND_OPEN + FOUND_CLOSE, ""]
    return "\n".join(out) + "\n"
