"""`make nhap TEP=…` / `ldkb import`: a file in, a content file and a report out.

read_file (what the file is, readers) -> structure (what each line is) -> enrich (citations against
the collection, units against the registry, an id when there is no symbol) -> yaml_writer -> the
same validation as `make validate` -> report. Nothing is written over an existing file unless asked.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ldkb.graph.citations import find_citations
from ldkb.graph.relations import graph_of
from ldkb.ingest.limits import Limits
from ldkb.ingest.read_file import read_source
from ldkb.ingest.draft import Data, DataPath, Draft
from ldkb.ingest.source import ImportRefused
from ldkb.ingest.structure import default_id, recognise
from ldkb.ingest.task_table import match_units
from ldkb.ingest.units import find_unit
from ldkb.ingest.yaml_writer import ORDER, dump
from ldkb.model.corpus import DOCS_DIR, Corpus, load_corpus
from ldkb.model.errors import Problem
from ldkb.model.symbols import symbol_key, symbol_slug
from ldkb.model.validate import place_words
from ldkb.text.normalize import exact_key, fold, slugify


@dataclass
class CitedDoc:
    ref: str
    text: str
    where: str
    known: bool


@dataclass
class ImportResult:
    source_path: str
    draft: Draft
    yaml_text: str
    target: Path
    written: bool = False
    existing: Path | None = None  # a file that already holds this document
    citations: list[CitedDoc] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    validated: bool = False


def _texts(node: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """(path, text) of every string in the draft data."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _texts(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _texts(v, path + (i,))
    elif isinstance(node, str):
        yield path, node


def _place(path: DataPath, data: Data) -> str:
    words = place_words(path, data)
    top = {"trich_yeu": "trích yếu", "can_cu": "căn cứ", "mo_dau": "phần mở đầu", "ket_thuc": "đoạn kết",
           "phu_luc": "phụ lục", "noi_nhan": "nơi nhận", "chu_thich": "chú thích"}.get(str(path[0]), str(path[0]))
    return words or top


def _table_place(path: DataPath, data: Data) -> str:
    """Where a task table is, for the report: `Phụ lục I, bảng giao việc`, `Mục II.2, bảng giao việc`."""
    # The block's path ends with ("noi_dung", k): the part holding it is what precedes.
    holder = path[:-2]
    appendices = data.get("phu_luc", [])
    if len(holder) == 2 and holder[0] == "phu_luc" and not appendices[int(holder[1])].get("so"):
        # An appendix without a number ("PHỤ LỤC"): named by its place when there are several.
        where = "phụ lục" if len(appendices) == 1 else f"phụ lục thứ {int(holder[1]) + 1}"
    else:
        where = place_words(holder + ("so",), data) if holder else ""
    if not where:
        where = {"mo_dau": "phần mở đầu", "ket_thuc": "đoạn kết"}.get(str(path[0]), "văn bản")
    return f"{where[:1].upper()}{where[1:]}, bảng giao việc"


def _citations(data: Data, corpus: Corpus, own_key: str | None) -> list[CitedDoc]:
    out: list[CitedDoc] = []
    seen: set[tuple[str, DataPath]] = set()
    for path, text in _texts(data):
        if path[-1] in ("so_ky_hieu", "ky_hieu_chua_so", "luu", "ma"):
            continue
        for c in find_citations(text):
            if c.key == own_key or (c.key, path[:2]) in seen:
                continue
            seen.add((c.key, path[:2]))
            known = corpus.by_symbol(c.ref) is not None or corpus.is_outside(c.key)
            out.append(CitedDoc(c.ref, c.text, _place(path, data), known))
    return out


def _relations(draft: Draft, corpus: Corpus) -> None:
    """`thuc_hien`: documents the subject or the first opening sentence says it carries out."""
    data = draft.data
    sources = [data.get("trich_yeu", "")]
    opening = data.get("mo_dau") or []
    if opening and isinstance(opening[0], dict) and opening[0].get("doan_van", ""):
        sources.append(opening[0]["doan_van"].split(". ")[0])
    refs: list[str] = []
    for text in sources:
        if not fold(text).lstrip().startswith(("thuc hien", "trien khai")):
            continue
        for c in find_citations(text):
            doc = corpus.by_symbol(c.ref)
            if doc is not None and doc.so_ky_hieu and doc.so_ky_hieu not in refs and symbol_key(
                    doc.so_ky_hieu) != symbol_key(data.get("so_ky_hieu") or ""):
                refs.append(doc.so_ky_hieu)
    if refs:
        data["thuc_hien"] = refs
        draft.unsure[("thuc_hien",)] = ("Gợi ý từ trích yếu và câu mở đầu (“Thực hiện …”); xem lại quan hệ "
                                        "`thuc_hien` / `gan_voi`.")


def _units(draft: Draft, corpus: Corpus) -> None:
    """Parts of "Tổ chức thực hiện" addressed to a unit ("Đối với …", "Giao …"): its code in `don_vi`."""
    def walk(parts: list[Data], path: DataPath, inside: bool) -> None:
        for i, part in enumerate(parts):
            title = part.get("tieu_de") or ""
            here = path + (i,)
            inside_here = inside or "to chuc thuc hien" in fold(title)
            if inside:
                name = _addressee(title)
                if name:
                    code = find_unit(corpus.units, name)
                    if code:
                        part["don_vi"] = [code]
                        draft.unsure[here + ("don_vi",)] = f"Giao cho “{name}” theo tiêu đề mục; kiểm tra lại."
                    else:
                        draft.unknown_units.append((name, _place(here, draft.data)))
            walk(part.get("muc", []), here + ("muc",), inside_here)

    walk(draft.data.get("noi_dung", []), ("noi_dung",), False)


def _addressee(title: str) -> str | None:
    t = " ".join(title.split()).rstrip(":.;")
    for lead in ("Đối với các", "Đối với", "Giao"):
        if exact_key(t).startswith(exact_key(lead) + " "):
            return t[len(lead):].strip()
    return None


def _existing(content: Path, data: Data) -> Path | None:
    """A content file that already holds this document: same symbol, same id, or same type and subject."""
    doc_dir = content / DOCS_DIR
    if not doc_dir.is_dir():
        return None
    key = symbol_key(data["so_ky_hieu"]) if data.get("so_ky_hieu") else None
    subject = (data.get("loai"), exact_key(" ".join((data.get("trich_yeu") or "").split())))
    for path in sorted(doc_dir.glob("*.y*ml")):
        try:
            other = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except Exception:
            continue
        if not isinstance(other, dict):
            continue
        if key and other.get("so_ky_hieu") and symbol_key(str(other["so_ky_hieu"])) == key:
            return path
        if data.get("ma") and other.get("ma") == data.get("ma"):
            return path
        # Two documents without a number are the same when type and subject agree (documents with
        # a number are told apart by it: a plan and the plan it carries out often share a subject).
        if subject[1] and not key and not other.get("so_ky_hieu") and (
                other.get("loai"), exact_key(" ".join(str(other.get("trich_yeu") or "").split()))) == subject:
            return path
    return None


def import_file(path: Path | str, content: Path | str = "content", *, overwrite: bool = False,
                write: bool = True, ma: str | None = None, limits: Limits | None = None,
                corpus: Corpus | None = None) -> ImportResult:
    """Import one file. Raises `ImportRefused` when the file cannot be read (nothing written)."""
    content = Path(content)
    src = read_source(path, limits)
    draft = recognise(src)
    corpus = corpus if corpus is not None else load_corpus(content, strict=False)
    data = draft.data
    if ma:
        data["ma"] = ma
    elif not data.get("so_ky_hieu"):
        data["ma"] = default_id(data)
        draft.unsure[("ma",)] = "Văn bản chưa có số, ký hiệu: mã tự đặt từ loại và trích yếu; có thể đặt mã ngắn hơn."
    data.setdefault("nguon", f"Nhập từ tệp `{Path(path).name}` bằng `make nhap`; đã đối chiếu với bản gốc: chưa.")
    _relations(draft, corpus)
    _units(draft, corpus)
    match_units(draft, corpus.units, lambda p: _table_place(p, data))
    own = symbol_key(data["so_ky_hieu"]) if data.get("so_ky_hieu") else None
    cites = _citations(data, corpus, own)
    stem = symbol_slug(data["so_ky_hieu"]) if data.get("so_ky_hieu") else slugify(data.get("ma") or "van-ban")
    target = content / DOCS_DIR / f"{stem}.yml"
    existing = _existing(content, data)
    head = [f"Nhập từ tệp `{Path(path).name}` bằng `make nhap`. Đọc lại, so với bản gốc, sửa các chỗ có ghi chú "
            "“KIỂM TRA”,", "rồi chạy `make validate` và `make serve` để xem trước."]
    text = dump(_ordered_data(data), draft.unsure, head)
    result = ImportResult(str(path), draft, text, existing or target, existing=existing, citations=cites)
    if existing is not None and not overwrite and write:
        return result
    if write:
        result.target.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if overwrite else "x"
        try:
            with open(result.target, mode, encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except FileExistsError:
            result.existing = result.target
            return result
        result.written = True
        result.errors = _errors_of(content, result.target)
    else:
        with tempfile.TemporaryDirectory(prefix="ldkb-nhap-") as tmp:
            copy = Path(tmp) / "content"
            shutil.copytree(content, copy)
            dest = copy / DOCS_DIR / result.target.name
            if existing is not None:
                (copy / DOCS_DIR / existing.name).unlink()
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_text(text, encoding="utf-8")
            result.errors = _errors_of(copy, dest)
    result.validated = True
    return result


def _ordered_data(data: Data) -> Data:
    return {k: data[k] for k in ORDER if k in data and data[k] not in (None, [], {})}


def _errors_of(content: Path, target: Path) -> list[Problem]:
    corpus = load_corpus(content, strict=False)
    graph = graph_of(corpus)
    for p in graph.problems:
        corpus.log.add(p.file, p.line, p.column, p.message, p.hint)
    name = target.name
    return [e for e in corpus.log.errors if Path(e.file).name == name]


__all__ = ["import_file", "ImportResult", "ImportRefused"]
