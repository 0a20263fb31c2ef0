"""Write a recognised document as a content file: fields in the schema's order, comments where unsure.

The text is what editors read and correct, so it is written like a hand-made file: a paragraph as a
bare list item, other blocks as `- gach_dau_dong: …`, each value quoted only when YAML needs it
(a sentence ending in ":" is quoted), cells with line breaks in double quotes with `\\n`, a task
table's declared columns (`giao_viec`) between its column names and its rows.
"""
from __future__ import annotations

import textwrap
from typing import Any

import yaml

from ldkb.ingest.draft import Data, DataPath
from ldkb.model.schema import GiaoViecBang, PhanCong, VanBan

ORDER = list(VanBan.model_fields)
# Keys of nested structures: a part's number and title first, then who does it, then its text (as
# the editors' guide writes them); a block's text before its assignment; a table's declared task
# columns before its rows.
_ASSIGNMENT = list(PhanCong.model_fields)
_PART = ["so", "tieu_de", "ma", *_ASSIGNMENT, "noi_dung", "muc"]
_BLOCK = ["ma", "doan_van", "gach_dau_dong", "bang", *_ASSIGNMENT]
_TABLE = ["tieu_de", "cot", "giao_viec", "dong"]
_ORDERS = (ORDER, _PART, _BLOCK, _TABLE, list(GiaoViecBang.model_fields))
# Lists of short strings written on one line: `cot: [STT, Nội dung, …]`, `don_vi: [van-phong]`.
_FLOW = ("don_vi", "chu_tri", "phoi_hop", "cot", "ngoai_danh_muc")


def scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and "\n" in value:
        out = yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10**6)
    else:
        out = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return out.removesuffix("\n...\n").rstrip("\n")


def flow(values: list[str]) -> str:
    """`[a, "b, c"]`: a list of strings on one line, each quoted when YAML needs it (a comma inside
    a cell would otherwise cut it in two); a cell with line breaks in double quotes with `\n`."""
    items = []
    for v in values:
        if "\n" in v:
            items.append(scalar(v))
        else:
            items.append(yaml.safe_dump([v], allow_unicode=True, default_flow_style=True, width=10**6).strip()[1:-1])
    return f"[{', '.join(items)}]"


def _ordered(d: Data) -> list[str]:
    keys = list(d)
    for order in _ORDERS:
        if set(keys) <= set(order):
            return [k for k in order if k in d]
    return keys


class _Out:
    def __init__(self, unsure: dict[DataPath, str]):
        self.lines: list[str] = []
        self.unsure = unsure

    def comment(self, path: DataPath, indent: str) -> None:
        note = self.unsure.get(path)
        if note:
            for ln in textwrap.wrap(f"KIỂM TRA: {note}", 100, break_on_hyphens=False):
                self.lines.append(f"{indent}# {ln}")

    def mapping(self, d: Data, indent: str, path: DataPath, first_prefix: str | None = None) -> None:
        for n, key in enumerate(_ordered(d)):
            value = d[key]
            prefix = first_prefix if (n == 0 and first_prefix is not None) else indent
            sub = path + (key,)
            if n > 0 or first_prefix is None:
                self.comment(sub, indent)
            if isinstance(value, dict):
                self.lines.append(f"{prefix}{key}:")
                self.mapping(value, indent + "  ", sub)
            elif isinstance(value, list):
                if value and key in _FLOW and all(isinstance(v, str) and "\n" not in v for v in value):
                    self.lines.append(f"{prefix}{key}: {flow(value)}")
                    continue
                self.lines.append(f"{prefix}{key}:")
                for i, item in enumerate(value):
                    self.item(item, indent + "  ", sub + (i,))
            else:
                self.lines.append(f"{prefix}{key}: {scalar(value)}".rstrip())

    def item(self, item: Any, indent: str, path: DataPath) -> None:
        self.comment(path, indent)
        if isinstance(item, dict) and list(item) == ["doan_van"]:
            item = item["doan_van"]
        if isinstance(item, str):
            self.lines.append(f"{indent}- {scalar(item)}")
        elif isinstance(item, list):
            self.lines.append(f"{indent}- {flow([str(v) for v in item])}")
        else:
            first = _ordered(item)[0]
            self.comment(path + (first,), indent + "  ")
            self.mapping(item, indent + "  ", path, first_prefix=f"{indent}- ")


def dump(data: Data, unsure: dict[DataPath, str], head: list[str]) -> str:
    out = _Out(unsure)
    out.lines += [f"# {h}" for h in head]
    out.mapping(data, "", ())
    return "\n".join(out.lines) + "\n"
