"""Citations in hand-written Markdown pages (`docs/`): checked with file and line.

Code (fenced blocks, inline code) and HTML comments are blanked first, keeping every
offset, so an example such as `make new SO="120/KH-LĐLĐ"` is never taken for a citation.
"""
from __future__ import annotations

import re

from ldkb.graph.citations import find_citations
from ldkb.model.corpus import Corpus, iter_parts
from ldkb.model.errors import Problem

_CODE = re.compile(r"^(?P<f>`{3,}|~{3,})[^\n]*\n.*?^(?P=f)[ \t]*$|(?P<t>`+)[^`\n].*?(?P=t)|<!--.*?-->",
                   re.S | re.M)


def _blank(m: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


def markdown_problems(text: str, file: str, corpus: Corpus) -> list[Problem]:
    plain = _CODE.sub(_blank, text)
    out: list[Problem] = []
    for cit in find_citations(plain):
        line = plain.count("\n", 0, cit.start) + 1
        col = cit.start - (plain.rfind("\n", 0, cit.start) + 1) + 1
        target = corpus.resolve(cit.ref) if cit.explicit else corpus.by_symbol(cit.ref)
        if target is None:
            if corpus.is_outside(cit.key):
                continue
            what = "Liên kết" if cit.explicit else "Trích dẫn"
            out.append(Problem(file, line, col, f"{what} `{cit.text}`: văn bản `{cit.ref}` chưa có trong kho.",
                               f"Nếu đúng số, ký hiệu: thêm văn bản bằng lệnh `make new SO=\"{cit.ref}\"` rồi điền "
                               "các thông tin đã biết; nếu gõ nhầm: sửa lại số, ký hiệu."))
        elif cit.explicit and cit.part and corpus.find_part(target, cit.part) is None:
            known = ", ".join(p.id for p in iter_parts(target)) or "(văn bản chưa nhập toàn văn)"
            out.append(Problem(file, line, col, f"Liên kết `{cit.text}`: văn bản `{cit.ref}` không có mục `{cit.part}`.",
                               f"Các mục hiện có: {known}."))
    return out
