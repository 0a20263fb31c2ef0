"""The "Bản in" page: the one list of what a member can print or keep (issue 18, part 1).

The pages are built before the PDFs exist, so sizes and page counts cannot be written here:
every file carries an empty `file_note` placeholder that the PDF build fills once the files are
in the site (ldkb.export.file_sizes), and a `FOUND` block where that step lists the printable
files other build steps put into the site (report forms, Word files) that `printables` does
not name. Same files, same bytes: the filled page is as reproducible as the PDFs. Search takes
its introduction and headings only (ldkb-search `derived_pages`): the lists repeat documents' names.
"""
from __future__ import annotations

from ldkb.model.corpus import Corpus
from ldkb.render.markup import esc
from ldkb.render.paths import GROUPS, Printable, printables

PRINT_PAGE = "ban-in.md"
FOUND_OPEN = '<div class="ldkb-found" data-ldkb-found>'
FOUND_CLOSE = "</div><!-- /ldkb-found -->"


def file_note(path: str) -> str:
    """Where "(PDF, 3 trang, 56 KB)" goes once the file exists; `path` is inside the site."""
    return f'<span class="ldkb-filesize" data-ldkb-file="{esc(path)}"></span>'


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
            out.append(f'{head}<span class="ldkb-printable__title">{esc(first.title)}</span>{links}</li>')
    return out


def printables_markdown(corpus: Corpus, *, prefix: str = "../") -> str:
    """The page; `prefix` leads from the page to the site's root (`ban-in/` -> `../`)."""
    items = printables(corpus)
    out = ["---", 'title: "Bản in"',
           'description: "Mọi tệp để in hoặc lưu về máy: sổ tay, văn bản, kèm dung lượng và số trang."',
           "---", "", "# Bản in: sổ tay và tệp PDF {#ban-in}", "",
           "Các tệp để in hoặc lưu về máy, kèm số trang và dung lượng. Sổ tay gom nhiều văn bản vào một "
           "tệp có bìa và mục lục; khổ A5 gấp đôi được thành sách bỏ túi. Mỗi văn bản cũng có tệp PDF riêng "
           "(nút **Tải PDF** trên trang văn bản).", ""]
    for group in GROUPS:
        rows = [p for p in items if p.group == group]
        if not rows:
            continue
        anchor = {"Sổ tay": "so-tay", "Sổ tay dành cho từng đơn vị": "so-tay-don-vi", "Văn bản": "van-ban"}[group]
        out += [f"## {group} {{#{anchor}}}", "",
                f'<ul class="ldkb-printables">{"".join(_items(rows, prefix))}</ul>', ""]
    out += [FOUND_OPEN + FOUND_CLOSE, ""]
    return "\n".join(out) + "\n"
