"""The content model: every document, unit, abbreviation and campaign, loaded and cross-checked.

One `Corpus` is built per build and shared by every plugin and by the PDF builder.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pydantic import BaseModel

from ldkb.model.errors import ContentInvalid, ErrorLog, Problem
from ldkb.util.gc_pause import gc_paused
from ldkb.model.schema import (
    CaiDat,
    DanhMucDonVi,
    DanhMucPhongTrao,
    DanhMucThuatNgu,
    DonVi,
    Khoi,
    Muc,
    PhanCong,
    PhongTrao,
    ThuatNgu,
    VanBan,
)
from ldkb.model.symbols import parse_symbol, symbol_key, symbol_slug, type_name_for_code
from ldkb.model.folders import DOCUMENTS_DIR
from ldkb.text.normalize import slugify, sort_key
from ldkb.model.yaml_reader import Located, Source, load
from ldkb.model.validate import validate
from ldkb.model.progress import Progress, load_progress
from ldkb.model.tasks import Task, document_tasks
from ldkb.model.unit_names import UnitNames
from ldkb.model.today import BadReferenceDate, reference_date
import datetime as dt

DOCS_DIR = DOCUMENTS_DIR  # content/van-ban/
UNITS_FILE = "don-vi.yml"
GLOSSARY_FILE = "thuat-ngu.yml"
CAMPAIGNS_FILE = "phong-trao.yml"
SETTINGS_FILE = "cai-dat.yml"

RELATIONS = {
    "thuc_hien": "thực hiện",
    "gan_voi": "gắn với",
    "thay_the": "thay thế",
    "sua_doi": "sửa đổi, bổ sung",
}


@dataclass
class Corpus:
    root: Path
    documents: list[VanBan] = field(default_factory=list)
    units: dict[str, DonVi] = field(default_factory=dict)
    glossary: list[ThuatNgu] = field(default_factory=list)
    campaigns: list[PhongTrao] = field(default_factory=list)
    settings: CaiDat = field(default_factory=CaiDat)
    log: ErrorLog = field(default_factory=ErrorLog)
    # doc slug -> parsed file, with the position of every value: kept for line numbers until the
    # graph is built (graph_of), then dropped.
    sources: dict[str, Source] = field(default_factory=dict)
    # Symbols and ids of document files that failed to load: references to them
    # are not reported again as "missing" (the file's own error says what to fix).
    broken_refs: set[str] = field(default_factory=set)
    # Symbols kept out of the collection on purpose (cai-dat.yml `van_ban_ngoai_kho`).
    outside_refs: set[str] = field(default_factory=set)
    # cai-dat.yml as read, with positions: for messages about its values.
    settings_source: Located | None = None
    # doc slug -> its tasks in document order (model/tasks.py); what units reported (model/progress.py).
    tasks: dict[str, list[Task]] = field(default_factory=dict)
    # doc slug -> what reading its tasks logged (a load that reuses the tasks logs it again).
    task_problems: dict[str, list[Problem]] = field(default_factory=dict, repr=False)
    progress: Progress = field(default_factory=Progress)
    # The reference date of overdue and "sắp đến hạn" (LDKB_TODAY, else the build's day).
    today: dt.date = field(default_factory=dt.date.today)
    # doc slug -> digest of its file's bytes: what a cache of pages made from it is keyed by.
    digests: dict[str, str] = field(default_factory=dict)
    # The corpus this one was loaded again from (model/corpus_cache.py): its documents that did
    # not change are the same objects here, and what was derived from them (the graph's scan of
    # each text) is reused once, then the link is dropped so that no chain of models builds up.
    previous: Corpus | None = field(default=None, repr=False)
    _by_key: dict[str, VanBan] = field(default_factory=dict)
    _by_slug: dict[str, VanBan] = field(default_factory=dict)
    _sorted: list[VanBan] | None = field(default=None, repr=False)

    # -- look-ups -------------------------------------------------------------
    def by_symbol(self, text: str) -> VanBan | None:
        return self._by_key.get(symbol_key(text))

    def is_outside(self, key: str) -> bool:
        """A symbol key not to report as missing: its file is broken, or it is kept out on purpose."""
        return key in self.broken_refs or key in self.outside_refs

    def by_slug(self, slug: str) -> VanBan | None:
        return self._by_slug.get(slug)

    def resolve(self, ref: str) -> VanBan | None:
        """A document by symbol or by id."""
        return self.by_symbol(ref) or self._by_slug.get(slugify(ref))

    def find_part(self, doc: VanBan, part_id: str) -> Muc | None:
        wanted = anchor_for(part_id.replace(" ", ""))
        for part in iter_parts(doc):
            if part.anchor == wanted:
                return part
        return None

    def sorted_documents(self) -> list[VanBan]:
        """The collection as every list shows it: the main document (cai-dat.yml `van_ban_chinh`)
        first, then by date of issue, then by title."""
        # Sorted once (again only if documents were added): the pages, the open data and the
        # PDFs all list the collection in this order, and each sort folds every title.
        if self._sorted is None or len(self._sorted) != len(self.documents):
            main = self.main_document
            self._sorted = sorted(self.documents,
                                  key=lambda d: (d is not main, d.ngay_ban_hanh is None, d.ngay_ban_hanh,
                                                 sort_key(d.title)))
        return list(self._sorted)

    @property
    def main_document(self) -> VanBan | None:
        """The collection's main document (cai-dat.yml `van_ban_chinh`), None when not set."""
        ref = self.settings.van_ban_chinh
        return self.resolve(ref) if ref else None

    def all_tasks(self) -> list[Task]:
        """Every task of the collection, documents in the collection's order."""
        return [t for d in self.sorted_documents() for t in self.tasks.get(d.slug, ())]

    def unit_label(self, unit_id: str) -> str:
        u = self.units.get(unit_id)
        return u.ten if u else unit_id

    @property
    def province(self) -> str:
        return self.settings.ten_tinh or "…"

    @property
    def federation(self) -> str:
        """The federation's name as pages and covers print it; "…" stands for an unknown province."""
        return f"Liên đoàn Lao động tỉnh {self.province}"


def iter_parts(doc: VanBan) -> Iterator[Muc]:
    def walk(parts: Sequence[Muc]) -> Iterator[Muc]:
        for p in parts:
            yield p
            yield from walk(p.muc)

    yield from walk(doc.noi_dung)
    yield from walk(doc.phu_luc)


def iter_blocks(doc: VanBan) -> Iterator[tuple[Muc | None, Khoi]]:
    for b in doc.mo_dau:
        yield None, b
    for part in iter_parts(doc):
        for b in part.noi_dung:
            yield part, b
    for b in doc.ket_thuc:
        yield None, b


def anchor_for(part_id: str) -> str:
    """`II.3.1` -> `ii-3-1`; stable and ASCII so every browser and tool keeps it."""
    # `đ` is a point of its own after `d` (a, b, c, d, đ, e…): keep the two apart.
    return slugify(part_id.replace(".", "-").replace("đ", "dd").replace("Đ", "DD")) or "muc"


def _assign_ids(doc: VanBan, src: Source, log: ErrorLog) -> None:
    """Give every part and block its id and anchor; anchors are unique within a document."""
    seen: set[str] = set()

    def claim(anchor: str, loc: tuple[Any, ...], what: str) -> bool:
        if anchor in seen:
            line, col = src.where(loc)
            log.add(src.path, line, col,
                    f"{what} bị trùng với một mục hoặc khối khác trong cùng văn bản.",
                    "Sửa số mục hoặc đặt trường `ma` riêng cho một trong hai.")
            return False
        seen.add(anchor)
        return True

    def blocks(items: list[Khoi], base: str, loc: tuple[Any, ...], check: bool = True) -> None:
        # `-y1`, `-y2` (ý): never confused with sub-part anchors such as `ii-3-1`.
        # Private attributes are written here and never read back through pydantic's
        # __getattr__ (~8 µs a read: a third of loading at 2,000 documents).
        for j, block in enumerate(items):
            anchor = block._anchor = anchor_for(block.ma) if block.ma else f"{base}-y{j + 1}"
            if check:
                claim(anchor, loc + (j,), f"Mã khối `{block.ma or anchor}`")

    def walk(parts: Sequence[Muc], parent_id: str, depth: int, loc: tuple[Any, ...], prefix: str) -> None:
        for i, part in enumerate(parts):
            ploc = loc + (i,)
            if part.ma:
                pid = part.ma
            elif part.number:
                # `a)`, `a.`, `a/` are all point `a`: the mark is how it is printed, not its id.
                last = part.number.split(".")[-1]
                pid = f"{parent_id}.{last}" if parent_id else f"{prefix}{last}"
            else:
                pid = f"{parent_id}.{i + 1}" if parent_id else f"{prefix}{i + 1}"
            part._id = pid
            anchor = part._anchor = anchor_for(pid)
            part._depth = depth
            # A duplicated part's blocks collide too: report the part only.
            unique = claim(anchor, ploc, f"Mã mục `{pid}`")
            blocks(part.noi_dung, anchor, ploc + ("noi_dung",), check=unique)
            walk(part.muc, pid, depth + 1, ploc + ("muc",), prefix)

    walk(doc.noi_dung, "", 1, ("noi_dung",), "")
    walk(doc.phu_luc, "", 1, ("phu_luc",), "PL")
    for key in ("mo_dau", "ket_thuc"):
        blocks(getattr(doc, key), key.replace("_", "-"), (key,))


# One document file read: the document (None when it failed), where its values stand (None when
# it could not be parsed) and the digest of its bytes. Everything it logs depends on the file alone.
DocumentReader = Callable[[Path, ErrorLog], "tuple[VanBan | None, Source | None, str]"]
# The tasks of a document as an earlier build read them (for that document object and units
# registry, `units_key`), with what reading them logged; None: read them again.
TaskReader = Callable[[VanBan, str], "tuple[list[Task], list[Problem]] | None"]


def units_key(units: dict[str, DonVi]) -> str:
    """Digest of the units registry as loaded: a document's tasks are made from it and the document."""
    return hashlib.blake2b(repr(sorted(units.items())).encode("utf-8"), digest_size=16).hexdigest()


def read_document(path: Path, log: ErrorLog, raw: bytes | None = None) -> tuple[VanBan | None, Located | None, str]:
    """Parse, validate and number one document file (its parts' ids and anchors)."""
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            log.add(path, 0, 0, f"Không đọc được tệp ({exc.strerror}).")
            return None, None, ""
    src = load(path, log, raw)
    doc = validate(VanBan, src, log) if src is not None else None
    if doc is not None and src is not None:
        _assign_ids(doc, src, log)
    return doc, src, file_digest(raw)


def file_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def load_corpus(root: Path | str, *, strict: bool = True, today: dt.date | None = None,
                reader: DocumentReader | None = None, previous: Corpus | None = None,
                tasks: TaskReader | None = None) -> Corpus:
    """Load and cross-check everything under `root` (the `content/` folder).

    With `strict`, raise `ContentInvalid` carrying every error; otherwise return
    the corpus with its log so a preview can show the errors on the page. `today` is the
    reference date (default: LDKB_TODAY, else the day of the build). `reader` reads one document
    file (default `read_document`; the preview's loader and the build's stored model reuse
    unchanged ones). `previous`: the model this load follows (the preview's loader); the tasks
    of each document `reader` gave back as the same object are taken from it, units unchanged.
    `tasks`: the tasks an earlier build read of a document (the build's stored model).
    """
    # The model is hundreds of thousands of long-lived objects made in one go: cyclic-GC
    # passes during loading only walk them again and again (2,000 documents: 5.6 s -> 3.4 s
    # without them). Loading makes almost no cyclic garbage.
    with gc_paused():
        return _load_corpus(Path(root), strict, today, reader or read_document, previous, tasks)


def document_files(root: Path) -> list[Path]:
    """The document files of a content folder, in the order they are loaded."""
    doc_dir = root / DOCS_DIR
    return sorted(doc_dir.glob("*.yml")) + sorted(doc_dir.glob("*.yaml"))


def _load_corpus(root: Path, strict: bool, today: dt.date | None, reader: DocumentReader,
                 previous: Corpus | None = None, tasks: TaskReader | None = None) -> Corpus:
    log = ErrorLog(root=root.parent)
    corpus = Corpus(root=root, log=log)
    try:
        corpus.today = today or reference_date()
    except BadReferenceDate as exc:
        log.add("LDKB_TODAY", 0, 0, str(exc), "Sửa hoặc bỏ biến môi trường LDKB_TODAY (mặc định là ngày xây dựng).")

    _load_registries(corpus)
    files = document_files(root)
    if not files:
        log.add(root / DOCS_DIR, 0, 0, "Không có văn bản nào trong thư mục.",
                "Thêm văn bản bằng lệnh `make new SO=\"…\"`.")
    for path in files:
        doc, src, digest = reader(path, log)
        if src is None or doc is None:
            corpus.broken_refs |= _refs_of_broken_file(path)
            continue
        doc._file = log.rel(path)
        _check_document(corpus, doc, src)
        corpus.documents.append(doc)
        corpus.sources[doc.slug] = src
        corpus.digests.setdefault(doc.slug, digest)
    _check_links(corpus)
    _find_tasks(corpus, previous, tasks)
    if strict and log.errors:
        raise ContentInvalid(log)
    return corpus


_REF_LINE = re.compile(r"^(so_ky_hieu|ma):[ \t]*[\"']?([^\"'#\n]+)", re.M)


def _refs_of_broken_file(path: Path) -> set[str]:
    """Best-effort symbol/id of a file that did not load, read line by line."""
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return set()
    refs = {symbol_key(m.group(2).strip()) for m in _REF_LINE.finditer(text)}
    return refs | {symbol_key(path.stem)}


def _load_registries(corpus: Corpus) -> None:
    log = corpus.log
    specs: list[tuple[str, type[BaseModel]]] = [
        (UNITS_FILE, DanhMucDonVi),
        (GLOSSARY_FILE, DanhMucThuatNgu),
        (CAMPAIGNS_FILE, DanhMucPhongTrao),
        (SETTINGS_FILE, CaiDat),
    ]
    for name, model in specs:
        path = corpus.root / name
        if not path.exists():
            log.add(path, 0, 0, "Thiếu tệp danh mục.", f"Tạo lại tệp `{name}` theo mẫu trong kho.")
            continue
        src = load(path, log)
        if src is None:
            continue
        value = validate(model, src, log)
        if value is None:
            continue
        if isinstance(value, DanhMucDonVi):
            for i, unit in enumerate(value.don_vi):
                if unit.ma in corpus.units:
                    line, col = src.where(("don_vi", i, "ma"))
                    log.add(path, line, col, f"Mã đơn vị `{unit.ma}` bị trùng.", "Đổi một trong hai mã.")
                corpus.units[unit.ma] = unit
            for i, unit in enumerate(value.don_vi):
                if unit.thuoc and unit.thuoc not in corpus.units:
                    line, col = src.where(("don_vi", i, "thuoc"))
                    log.add(path, line, col, f"Đơn vị cấp trên `{unit.thuoc}` không có trong danh mục.")
                for j, member in enumerate(unit.bao_gom):
                    if member not in corpus.units or member == unit.ma:
                        line, col = src.where(("don_vi", i, "bao_gom", j))
                        log.add(path, line, col, f"Đơn vị `{member}` (trong `bao_gom` của `{unit.ma}`) không có "
                                "trong danh mục." if member != unit.ma else f"Nhóm `{unit.ma}` không thể gồm chính nó.",
                                "Dùng mã của một đơn vị khác trong danh mục.")
        elif isinstance(value, DanhMucThuatNgu):
            corpus.glossary = value.thuat_ngu
        elif isinstance(value, DanhMucPhongTrao):
            corpus.campaigns = value.phong_trao
        elif isinstance(value, CaiDat):
            corpus.settings = value
            corpus.outside_refs = {symbol_key(s) for s in value.van_ban_ngoai_kho}
            corpus.settings_source = src


def _check_document(corpus: Corpus, doc: VanBan, src: Source) -> None:
    log = corpus.log
    path = src.path
    if doc.so_ky_hieu:
        sym = parse_symbol(doc.so_ky_hieu)
        if sym is None:
            log.add(path, *src.where(("so_ky_hieu",)),
                    f"Số, ký hiệu `{doc.so_ky_hieu}` không đúng quy tắc.",
                    "Viết như `117/KH-LĐLĐ` (văn bản nhà nước, công đoàn) hoặc `36-CTr/TU` (văn bản của Đảng).")
        elif sym.type_name != doc.loai:
            code = sym.type_code or "(không có)"
            log.add(path, *src.where(("so_ky_hieu",)),
                    f"Ký hiệu `{doc.so_ky_hieu}` mang mã loại `{code}` ({sym.type_name}) "
                    f"nhưng trường `loai` ghi `{doc.loai}`.",
                    f"Sửa `loai: {sym.type_name}` hoặc sửa lại ký hiệu.")
        slug = symbol_slug(doc.so_ky_hieu)
    else:
        slug = slugify(doc.ma or "")
    if doc.ma and slugify(doc.ma) != doc.ma:
        line, col = src.where(("ma",))
        log.add(path, line, col, f"Mã `{doc.ma}` chỉ được có chữ thường không dấu, số và dấu `-`.",
                f"Ví dụ: `{slugify(doc.ma)}`.")
    doc._slug = slug
    other = corpus._by_slug.get(slug)
    if other is not None:
        line, col = src.where(("so_ky_hieu",) if doc.so_ky_hieu else ("ma",))
        what = f"Số, ký hiệu `{doc.so_ky_hieu}`" if doc.so_ky_hieu else f"Mã `{doc.ma}`"
        log.add(path, line, col, f"{what} trùng với văn bản trong tệp {other.file}.",
                "Mỗi văn bản chỉ được nhập một lần: xoá tệp trùng hoặc sửa lại số, ký hiệu.")
    else:
        corpus._by_slug[slug] = doc
        if doc.ma:
            corpus._by_slug.setdefault(slugify(doc.ma), doc)
        if doc.so_ky_hieu:
            corpus._by_key[symbol_key(doc.so_ky_hieu)] = doc


def _unit_refs(doc: VanBan) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every unit id a document names, with its data path."""

    def of(obj: PhanCong, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
        for i, u in enumerate(obj.don_vi):
            yield loc + ("don_vi", i), u
        for i, u in enumerate(obj.chu_tri):
            yield loc + ("chu_tri", i), u
        for i, u in enumerate(obj.phoi_hop):
            yield loc + ("phoi_hop", i), u

    def walk(parts: Sequence[Muc], loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
        for i, p in enumerate(parts):
            yield from of(p, loc + (i,))
            for j, b in enumerate(p.noi_dung):
                yield from of(b, loc + (i, "noi_dung", j))
            yield from walk(p.muc, loc + (i, "muc"))

    for key in ("mo_dau", "ket_thuc"):
        for j, b in enumerate(getattr(doc, key)):
            yield from of(b, (key, j))
    yield from walk(doc.noi_dung, ("noi_dung",))
    yield from walk(doc.phu_luc, ("phu_luc",))


def _check_links(corpus: Corpus) -> None:
    """References between documents and to units must resolve."""
    log = corpus.log
    main = corpus.settings.van_ban_chinh
    settings_src = corpus.settings_source
    # A main document whose own file has errors is not reported again here: its errors are.
    if main and corpus.resolve(main) is None and not corpus.is_outside(symbol_key(main)) \
            and settings_src is not None:
        line, col = settings_src.where(("van_ban_chinh",))
        log.add(settings_src.path, line, col, f"Văn bản chính `{main}` chưa có trong kho.",
                "Ghi số, ký hiệu hoặc mã (trường `ma`) của một văn bản có trong `content/van-ban/`.")
    known_units = ", ".join(f"`{u}`" for u in corpus.units) or "(danh mục trống)"
    for doc in corpus.documents:
        src = corpus.sources[doc.slug]
        for loc, unit in _unit_refs(doc):
            if unit not in corpus.units:
                line, col = src.where(loc)
                log.add(src.path, line, col, f"Mã đơn vị `{unit}` không có trong danh mục đơn vị.",
                        f"Dùng một mã trong `content/{UNITS_FILE}` ({known_units}) hoặc thêm đơn vị mới vào đó.")
        for key, label in RELATIONS.items():
            for i, ref in enumerate(getattr(doc, key)):
                symbol, _, part_id = ref.partition("#")
                target = corpus.resolve(symbol)
                if target is None and corpus.is_outside(symbol_key(symbol)):
                    continue
                # The position only for a problem: a reused file is parsed again to find it.
                if target is None:
                    log.add(src.path, *src.where((key, i)),
                            f"Văn bản `{symbol}` (quan hệ “{label}”) chưa có trong kho.",
                            f"Thêm văn bản bằng lệnh `make new SO=\"{symbol}\"`, rồi điền các thông tin đã biết.")
                elif target is doc:
                    log.add(src.path, *src.where((key, i)), f"Văn bản không thể “{label}” chính nó.")
                elif part_id and corpus.find_part(target, part_id) is None:
                    known = ", ".join(p.id for p in iter_parts(target)) or "(văn bản chưa nhập toàn văn)"
                    log.add(src.path, *src.where((key, i)),
                            f"Văn bản `{symbol}` không có mục `{part_id}`.",
                            f"Các mục hiện có: {known}.")
        repl = doc.hieu_luc.thay_the_boi
        if repl and corpus.resolve(repl) is None:
            line, col = src.where(("hieu_luc", "thay_the_boi"))
            log.add(src.path, line, col, f"Văn bản thay thế `{repl}` chưa có trong kho.",
                    f"Thêm văn bản bằng lệnh `make new SO=\"{repl}\"`.")


def _find_tasks(corpus: Corpus, previous: Corpus | None = None, kept: TaskReader | None = None) -> None:
    """Every document's tasks, then the progress records that name them (model/tasks.py, progress.py).
    A document that is the same object in `previous` (same units) keeps the tasks read there,
    and one `kept` knows (an earlier build's, read with the same units) those: they are made from
    the document and the units alone."""
    names = UnitNames(corpus.units)
    same_units = previous is not None and previous.units == corpus.units
    key = units_key(corpus.units) if kept is not None else ""
    log = corpus.log
    for doc in corpus.documents:
        found = kept(doc, key) if kept is not None else None
        if found is not None:
            corpus.tasks[doc.slug], logged = found
            log.items += logged
        elif same_units and previous is not None and previous.by_slug(doc.slug) is doc \
                and doc.slug in previous.task_problems:
            corpus.tasks[doc.slug] = previous.tasks[doc.slug]
            logged = previous.task_problems[doc.slug]
            log.items += logged
        else:
            start = len(log.items)
            corpus.tasks[doc.slug] = document_tasks(doc, corpus.sources.get(doc.slug), log, names)
            logged = log.items[start:]
        corpus.task_problems[doc.slug] = logged
    corpus.progress = load_progress(corpus.root, corpus.tasks, corpus.resolve, corpus.units, corpus.log)


__all__ = [
    "Corpus",
    "load_corpus",
    "read_document",
    "Source",
    "DocumentReader",
    "TaskReader",
    "units_key",
    "document_files",
    "iter_parts",
    "iter_blocks",
    "anchor_for",
    "type_name_for_code",
    "RELATIONS",
]
