"""Edits an editor makes to a content folder, for the preview's tests and benchmark.

Each edit rewrites one document file (or adds or removes one) as an editor saving it would:
a sentence changed, a citation added, a unit given a task, a title or heading changed, a date
changed, a part added or removed, a relation declared, a campaign named, a document added or
removed. `random_edit` picks one with a seeded generator, so a sequence is the same every run.
Files are read and written with PyYAML (comments are dropped, as the generated files have none
worth keeping).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from ldkb.model.corpus import DOCS_DIR

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = ("text", "citation", "explicit", "task", "title", "heading", "date", "part", "relation",
         "campaign", "add", "remove")


@dataclass
class Edit:
    kind: str
    path: Path  # the file written, added or removed
    what: str


def read(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def write(path: Path, data: dict) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000),
                    encoding="utf-8")


def documents(content: Path) -> list[Path]:
    return sorted((Path(content) / DOCS_DIR).glob("*.yml"))


def _blocks(data: dict) -> list[tuple[list, int]]:
    """Every block of the body as (its list, its index): strings or mappings."""
    out: list[tuple[list, int]] = []

    def walk(parts):
        for part in parts or []:
            items = part.get("noi_dung") or []
            out.extend((items, i) for i in range(len(items)))
            walk(part.get("muc"))

    for key in ("mo_dau", "ket_thuc"):
        items = data.get(key) or []
        out.extend((items, i) for i in range(len(items)))
    walk(data.get("noi_dung"))
    return out


def _parts(data: dict) -> list[dict]:
    out: list[dict] = []

    def walk(parts):
        for part in parts or []:
            out.append(part)
            walk(part.get("muc"))

    walk(data.get("noi_dung"))
    return out


def _text_of(block) -> str:
    if isinstance(block, str):
        return block
    return block.get("gach_dau_dong") or block.get("doan_van") or ""


def _set_text(items: list, i: int, text: str) -> None:
    block = items[i]
    if isinstance(block, str):
        items[i] = text
    elif "gach_dau_dong" in block:
        block["gach_dau_dong"] = text
    elif "doan_van" in block:
        block["doan_van"] = text


def _with_body(content: Path, rng: random.Random) -> tuple[Path, dict]:
    files = documents(content)
    rng.shuffle(files)
    for path in files:
        data = read(path)
        if any(isinstance(b[0][b[1]], (str, dict)) and _text_of(b[0][b[1]]) for b in _blocks(data)):
            return path, data
    raise RuntimeError("no document with a body")


def _text_block(data: dict, rng: random.Random) -> tuple[list, int]:
    found = [b for b in _blocks(data) if _text_of(b[0][b[1]])]
    return rng.choice(found)


def _symbols(content: Path) -> list[tuple[str, str]]:
    """(symbol, type) of every document with a number."""
    out = []
    for path in documents(content):
        data = read(path)
        if data.get("so_ky_hieu"):
            out.append((data["so_ky_hieu"], data["loai"]))
    return out


def sentence(path: Path, marker: str, rng: random.Random | None = None) -> Edit:
    """One sentence of the body changed (a marker put into one block's text)."""
    rng = rng or random.Random(0)
    data = read(path)
    items, i = _text_block(data, rng)
    text = _text_of(items[i])
    cut = text.find(" ", len(text) // 2)
    cut = cut if cut > 0 else len(text)
    _set_text(items, i, f"{text[:cut]} {marker}{text[cut:]}")
    write(path, data)
    return Edit("text", path, f"{path.name}: câu được sửa ({marker})")


def cite(path: Path, symbol: str, loai: str, rng: random.Random | None = None, explicit: bool = False,
         part: str | None = None) -> Edit:
    """A citation of `symbol` added to one block of `path`."""
    rng = rng or random.Random(0)
    data = read(path)
    items, i = _text_block(data, rng)
    ref = f"[[{symbol}{'#' + part if part else ''}]]" if explicit else f"{loai} số {symbol}"
    _set_text(items, i, f"{_text_of(items[i]).rstrip('.;')}; thực hiện theo {ref}.")
    write(path, data)
    return Edit("explicit" if explicit else "citation", path, f"{path.name}: thêm trích dẫn {ref}")


def new_document(content: Path, symbol: str, loai: str, implements: str, text: str) -> Edit:
    """A new document (a copy of an existing one's shape) with its own number."""
    template = next(p for p in documents(content) if read(p).get("noi_dung") and read(p).get("so_ky_hieu"))
    data = read(template)
    data["so_ky_hieu"] = symbol
    data["loai"] = loai
    data.pop("co_quan_chu_quan", None)
    data["co_quan_ban_hanh"] = "Ban Thường vụ Liên đoàn Lao động tỉnh"
    data["thuc_hien"] = [implements]
    data.pop("gan_voi", None)
    data["trich_yeu"] = text
    slug = symbol.lower().replace("/", "-").replace("đ", "d").replace("Đ", "d")
    path = Path(content) / DOCS_DIR / f"{slug}.yml"
    write(path, data)
    return Edit("add", path, f"thêm văn bản {symbol}")


def add_unnumbered(content: Path, rng: random.Random) -> Path:
    """A document without a number (its title is its type and subject), implemented by two
    others and cited by id (`[[ma]]`) in a third: a title that other pages show and can change."""
    files = [p for p in documents(content) if read(p).get("so_ky_hieu") and read(p).get("noi_dung")]
    template = read(files[0])
    ma = "ke-hoach-thu-nghiem-khong-so"
    data = {k: v for k, v in template.items() if k not in ("so_ky_hieu", "gan_voi", "co_quan_chu_quan")}
    data = {"ma": ma, **data, "trich_yeu": "Kế hoạch thử nghiệm chưa có số, ký hiệu"}
    data["thuc_hien"] = [template["so_ky_hieu"]]
    path = Path(content) / DOCS_DIR / f"{ma}.yml"
    write(path, data)
    for other in rng.sample(files[1:], 3)[:2]:
        d = read(other)
        d.setdefault("thuc_hien", []).append(ma)
        write(other, d)
    citing = files[-1]
    d = read(citing)
    items, i = _text_block(d, rng)
    _set_text(items, i, f"{_text_of(items[i])} Xem [[{ma}]].")
    write(citing, d)
    return path


def random_edit(content: Path, rng: random.Random, n: int, kinds: tuple[str, ...] = KINDS) -> Edit:
    """One edit of a kind drawn from `kinds`; `n` numbers the marker texts."""
    content = Path(content)
    kind = rng.choice(kinds)
    units = [u["ma"] for u in (yaml.load((content / "don-vi.yml").read_text(encoding="utf-8"), Loader=_Loader)
                               or {}).get("don_vi", [])]
    campaigns = [c["ten"] for c in (yaml.load((content / "phong-trao.yml").read_text(encoding="utf-8"),
                                              Loader=_Loader) or {}).get("phong_trao", [])]
    if kind == "text":
        path, _ = _with_body(content, rng)
        return sentence(path, f"sửa-{n}", rng)
    if kind in ("citation", "explicit"):
        path, _ = _with_body(content, rng)
        symbol, loai = rng.choice(_symbols(content))
        part = "II.1" if kind == "explicit" and rng.random() < 0.5 else None
        return cite(path, symbol, loai, rng, explicit=kind == "explicit", part=part)
    if kind == "task":
        path, data = _with_body(content, rng)
        items, i = _text_block(data, rng)
        block = items[i]
        if isinstance(block, str):
            block = items[i] = {"doan_van": block}
        if block.get("don_vi") and rng.random() < 0.4:
            block.pop("don_vi")
            what = "bỏ giao việc"
        else:
            block.pop("chu_tri", None)
            block.pop("phoi_hop", None)
            block["don_vi"] = rng.sample(units, min(len(units), rng.randint(1, 2)))
            what = f"giao việc cho {', '.join(block['don_vi'])}"
        write(path, data)
        return Edit(kind, path, f"{path.name}: {what}")
    if kind == "title":
        # The subject line; for a document without a number it is its title too.
        files = documents(content)
        unnumbered = [p for p in files if not read(p).get("so_ky_hieu")]
        linked = [p for p in unnumbered if p.stem == "ke-hoach-thu-nghiem-khong-so"]
        path = rng.choice(linked or unnumbered or files)
        data = read(path)
        data["trich_yeu"] = f"{data['trich_yeu']} (tiêu đề sửa {n})"
        write(path, data)
        return Edit(kind, path, f"{path.name}: sửa trích yếu")
    if kind == "heading":
        path, data = _with_body(content, rng)
        parts = [p for p in _parts(data) if p.get("tieu_de")]
        if not parts:
            return random_edit(content, rng, n, kinds)
        part = rng.choice(parts)
        part["tieu_de"] = f"{part['tieu_de']} (đề mục sửa {n})"
        write(path, data)
        return Edit(kind, path, f"{path.name}: sửa tiêu đề mục {part.get('so')}")
    if kind == "date":
        path = rng.choice(documents(content))
        data = read(path)
        # Far back or far ahead: the document moves in every list and menu ordered by date.
        year = rng.choice([2009, 2026])
        data["ngay_ban_hanh"] = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"
        write(path, data)
        return Edit(kind, path, f"{path.name}: ngày ban hành {data['ngay_ban_hanh']}")
    if kind == "part":
        path, data = _with_body(content, rng)
        parts = _parts(data)
        top = data["noi_dung"][-1]
        children = top.setdefault("muc", [])
        if children and rng.random() < 0.5:
            gone = children.pop()
            what = f"bỏ mục {gone.get('so')}"
            if not children:
                top.pop("muc")
                top.setdefault("noi_dung", ["Nội dung thử nghiệm."])
        else:
            number = str(len(children) + 1)
            children.append({"so": number, "tieu_de": f"Mục thêm {n}", "noi_dung": [f"Nội dung mục thêm {n}."]})
            what = f"thêm mục {top.get('so')}.{number}"
        del parts
        write(path, data)
        return Edit(kind, path, f"{path.name}: {what}")
    if kind == "relation":
        # A document others implement: the chains of those others pass through the new relation.
        files = documents(content)
        implemented = {ref for p in files for ref in read(p).get("thuc_hien", [])}
        ancestors = [p for p in files if read(p).get("so_ky_hieu") in implemented]
        path = rng.choice(ancestors or files)
        data = read(path)
        symbol, _ = rng.choice(_symbols(content))
        if symbol != data.get("so_ky_hieu") and symbol not in data.get("thuc_hien", []):
            data.setdefault("thuc_hien", []).append(symbol)
        write(path, data)
        return Edit(kind, path, f"{path.name}: thực hiện {symbol}")
    if kind == "campaign":
        if not campaigns:
            return random_edit(content, rng, n, kinds)
        path, data = _with_body(content, rng)
        items, i = _text_block(data, rng)
        _set_text(items, i, f"{_text_of(items[i])} Hưởng ứng phong trào “{rng.choice(campaigns)}”.")
        write(path, data)
        return Edit(kind, path, f"{path.name}: nêu phong trào")
    if kind == "add":
        symbol = f"{900 + n}/KH-LĐLĐ"
        target, _ = rng.choice(_symbols(content))
        return new_document(content, symbol, "Kế hoạch", target, f"Kế hoạch thử nghiệm số {n}")
    if kind == "remove":
        files = documents(content)
        added = [p for p in files if p.stem.startswith("9") and "-kh-ldld" in p.stem]
        path = rng.choice(added or files)
        path.unlink()
        return Edit(kind, path, f"xoá {path.name}")
    raise ValueError(kind)


__all__ = ["Edit", "KINDS", "add_unnumbered", "random_edit", "sentence", "cite", "new_document", "read", "write", "documents"]
