"""Reading the task pages as the core writes them (Markdown with raw HTML and `ldkb:` links), before
MkDocs: which pages a reader reaches from a start page, and the (task, unit, role) pairs each shows.
Shared by tests/render/test_task_pages_paged.py (the fixture, by hand) and tests/bench (at scale)."""
from __future__ import annotations

import html as htmlmod
import re

LINK = re.compile(r'href="ldkb:([^"#]+)(?:#([^"]*))?"')
ROLE_BY_LABEL = {"Chủ trì": "chu_tri", "Thực hiện": "don_vi", "Phối hợp": "phoi_hop"}


def plain(fragment: str) -> str:
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def page_of(pages: dict[str, str], path: str) -> str | None:
    """The generated page an `ldkb:` path leads to, if it is one of `pages`."""
    for uri in (f"{path}.md", f"{path}/index.md"):
        if uri in pages:
            return uri
    return None


def reachable(pages: dict[str, str], start: str) -> list[str]:
    """Every page of `pages` a reader reaches from `start` by following links, `start` first."""
    seen = [start]
    todo = [start]
    while todo:
        for path, _ in LINK.findall(pages[todo.pop()]):
            uri = page_of(pages, path)
            if uri is not None and uri not in seen:
                seen.append(uri)
                todo.append(uri)
    return seen


def matrix_pairs(markdown: str) -> list[tuple[str, str, str, str]]:
    """(document slug, anchor, unit, role) in a matrix table's rows (columns from its head)."""
    out = []
    for table in re.findall(r'<table class="vb-matrix__table">(.*?)</table>', markdown, re.S):
        head = table[:table.index("</thead>")]
        cols = [path.split("/")[-1] for path, _ in LINK.findall(head)]
        for row in re.findall(r"<tr>(.*?)</tr>", table[table.index("<tbody>"):], re.S):
            path, anchor = LINK.findall(row)[0]
            cells = re.findall(r'<td( class="vb-role vb-role--(\w+)")?[^>]*>', row)
            for unit, (_, role) in zip(cols, cells, strict=False):
                if role:
                    out.append((path.split("/")[-1], anchor, unit, role))
    return out


def list_pairs(markdown: str) -> list[tuple[str, str, str, str]]:
    """(document slug, anchor, unit, role) in a year page's task lists."""
    out = []
    lists = "".join(re.findall(r'<ol class="vb-task-list">(.*?)</ol>', markdown, re.S))
    for item in re.findall(r"<li>(.*?)</li>", lists, re.S):
        path, anchor = LINK.findall(item)[0]
        pieces = re.split(r'<span data-role="(\w+)">', item)
        for role, body in zip(pieces[1::2], pieces[2::2], strict=True):
            for unit in re.findall(r'<a data-unit="([^"]+)"', body):
                out.append((path.split("/")[-1], anchor, unit, role))
    return out


def task_count(markdown: str) -> int:
    """Tasks a page shows: rows of its matrix or items of its task lists and checklists."""
    rows = sum(len(re.findall(r'<th scope="row">', t))
               for t in re.findall(r'<table class="vb-matrix__table">(.*?)</table>', markdown, re.S))
    lists = sum(len(re.findall(r"<li>", ol)) for ol in re.findall(r'<ol class="vb-task-list">(.*?)</ol>', markdown, re.S))
    checks = len(re.findall(r'<li class="vb-check', markdown))
    due = sum(len(re.findall(r"<li>", ul)) for ul in re.findall(r'<ul class="vb-due-list">(.*?)</ul>', markdown, re.S))
    return rows + lists + checks + due
