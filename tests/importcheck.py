"""Helpers for import tests: every sentence of a source accounted for; structures compared."""
from __future__ import annotations

import re
import unicodedata

import yaml

from ldkb.ingest.source import Line, Source, Table

_TOKEN = re.compile(r"\w+")
_SEP = "\x1f"


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text))


def _strings(node):
    if isinstance(node, dict):
        for v in node.values():
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)
    elif node is not None:
        yield str(node)


def source_pieces(src: Source) -> list[tuple[str, str]]:
    """(sentence, where) of every piece of text in the source: lines split at tabs, line breaks and
    sentence ends; table cells; footnotes."""
    out: list[tuple[str, str]] = []

    def add(text: str, where: str):
        for part in re.split(r"[\t\n]+", text):
            for sentence in re.split(r"(?<=[.;:!?])\s+", part):
                if len(_tokens(sentence)) >= 1 and re.search(r"[^\W\d_]", sentence):
                    out.append((sentence.strip(), where))

    for item in src.items:
        if isinstance(item, Line):
            add(item.full, item.where)
        elif isinstance(item, Table):
            seen = set()
            for row in item.rows:
                for cell in row:
                    if id(cell) not in seen:
                        seen.add(id(cell))
                        for ln in cell.lines:
                            add(ln.full, ln.where)
    for note in src.notes:
        add(note.text, note.where)
    return out


def unaccounted(src: Source, yaml_text: str, report: str) -> list[tuple[str, str]]:
    """Sentences of the source found neither in the content file's values nor in the report."""
    data = yaml.safe_load(yaml_text)
    hay = _SEP + _SEP.join(t for s in list(_strings(data)) + [report] for t in _tokens(s)) + _SEP
    missing = []
    for sentence, where in source_pieces(src):
        needle = _SEP + _SEP.join(_tokens(sentence)) + _SEP
        if needle not in hay:
            missing.append((sentence, where))
    return missing


def shape(parts) -> list:
    """Parts and blocks reduced to what the text shows: numbers, titles, block kinds and texts."""
    out = []
    for p in parts:
        get = p.get if isinstance(p, dict) else (lambda k, _p=p: getattr(_p, k))
        blocks = []
        for b in get("noi_dung") or []:
            if isinstance(b, str):
                b = {"doan_van": b}
            bget = b.get if isinstance(b, dict) else (lambda k, _b=b: getattr(_b, k))
            table = bget("bang")
            if table is not None:
                tget = table.get if isinstance(table, dict) else (lambda k, _t=table: getattr(_t, k))
                blocks.append(("bang", list(tget("cot")), [list(r) for r in tget("dong")]))
            elif bget("gach_dau_dong") is not None:
                blocks.append(("gach_dau_dong", bget("gach_dau_dong")))
            else:
                blocks.append(("doan_van", bget("doan_van")))
        out.append((str(get("so")) if get("so") is not None else None, get("tieu_de"), blocks,
                    shape(get("muc") or [])))
    return out


def block_texts(blocks) -> list[tuple[str, str]]:
    return shape([{"so": None, "tieu_de": None, "noi_dung": list(blocks)}])[0][2]
