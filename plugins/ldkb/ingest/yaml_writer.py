"""Write a recognised document as a content file: fields in the schema's order, comments where unsure.

The text is what editors read and correct, so it is written like a hand-made file: a paragraph as a
bare list item, other blocks as `- gach_dau_dong: …`, each value quoted only when YAML needs it
(a sentence ending in ":" is quoted), cells with line breaks in double quotes with `\\n`.
"""
from __future__ import annotations

import textwrap

import yaml

from ldkb.model.schema import VanBan

ORDER = list(VanBan.model_fields)
# Keys of nested structures in the order the schema declares them.
_PART_ORDER = ["so", "tieu_de", "ma", "don_vi", "chu_tri", "phoi_hop", "thoi_han", "noi_dung", "muc"]
_BLOCK_ORDER = ["ma", "doan_van", "gach_dau_dong", "bang", "don_vi", "chu_tri", "phoi_hop", "thoi_han"]


def scalar(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and "\n" in value:
        out = yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10**6)
    else:
        out = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)
    return out.removesuffix("\n...\n").rstrip("\n")


def _ordered(d: dict) -> list:
    keys = list(d)
    for order in (ORDER, _PART_ORDER, _BLOCK_ORDER):
        if set(keys) <= set(order):
            return [k for k in order if k in d]
    return keys


class _Out:
    def __init__(self, unsure: dict):
        self.lines: list[str] = []
        self.unsure = unsure

    def comment(self, path: tuple, indent: str) -> None:
        note = self.unsure.get(path)
        if note:
            for ln in textwrap.wrap(f"KIỂM TRA: {note}", 100, break_on_hyphens=False):
                self.lines.append(f"{indent}# {ln}")

    def mapping(self, d: dict, indent: str, path: tuple, first_prefix: str | None = None) -> None:
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
                if all(isinstance(v, str) for v in value) and key in ("don_vi", "phoi_hop", "cot") and value:
                    self.lines.append(f"{prefix}{key}: [{', '.join(scalar(v) for v in value)}]")
                    continue
                self.lines.append(f"{prefix}{key}:")
                for i, item in enumerate(value):
                    self.item(item, indent + "  ", sub + (i,))
            else:
                self.lines.append(f"{prefix}{key}: {scalar(value)}".rstrip())

    def item(self, item, indent: str, path: tuple) -> None:
        self.comment(path, indent)
        if isinstance(item, dict) and list(item) == ["doan_van"]:
            item = item["doan_van"]
        if isinstance(item, str):
            self.lines.append(f"{indent}- {scalar(item)}")
        elif isinstance(item, list):
            self.lines.append(f"{indent}- [{', '.join(scalar(v) for v in item)}]")
        else:
            first = _ordered(item)[0]
            self.comment(path + (first,), indent + "  ")
            self.mapping(item, indent + "  ", path, first_prefix=f"{indent}- ")


def dump(data: dict, unsure: dict, head: list[str]) -> str:
    out = _Out(unsure)
    out.lines += [f"# {h}" for h in head]
    out.mapping(data, "", ())
    return "\n".join(out.lines) + "\n"
