"""The baseline: the same documents as ordinary Markdown pages, as a user would write them by hand
for plain Material (one page per document, folders by type and year, an index page)."""
from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

from ldkb.model.corpus import Corpus, load_corpus
from ldkb.model.schema import Khoi, Muc, VanBan
from ldkb.text.normalize import slugify
from ldkb.text.dates import short_date
from tools.bench.project import baseline_config, read_config, write_config

GROUP_SIZE = 60  # like our nav: a type with more documents is split into year folders


def make_baseline(ours: Path, dest: Path) -> Path:
    """A plain-Material project next to `ours` (built by `make_project`) with the same content."""
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    cfg = read_config(ours / "mkdocs.yml")
    docs_dir = cfg.get("docs_dir", "docs")
    shutil.copytree(ours / docs_dir, dest / "docs", ignore=shutil.ignore_patterns("*.css", "*.js"))
    cfg["docs_dir"] = "docs"
    write_config(dest / "mkdocs.yml", baseline_config(cfg))
    corpus = load_corpus(ours / "content")
    write_pages(corpus, dest / "docs" / "van-ban")
    return dest


def write_pages(corpus: Corpus, out: Path) -> None:
    groups: dict[str, list[VanBan]] = defaultdict(list)
    for doc in corpus.sorted_documents():
        groups[doc.loai].append(doc)
    paths: dict[str, str] = {}
    for loai, docs in groups.items():
        for doc in docs:
            folder = slugify(loai)
            if len(docs) > GROUP_SIZE:
                folder += "/" + (str(doc.ngay_ban_hanh.year) if doc.ngay_ban_hanh else "chua-ro-nam")
            paths[doc.slug] = f"{folder}/{doc.slug}.md"
    out.mkdir(parents=True, exist_ok=True)
    index = ["# Danh mục văn bản", ""]
    for doc in corpus.sorted_documents():
        rel = paths[doc.slug]
        index.append(f"- [{doc.title}]({rel}) — {short_date(doc.ngay_ban_hanh)} — {doc.trich_yeu}")
        page = out / rel
        page.parent.mkdir(parents=True, exist_ok=True)
        depth = rel.count("/")
        page.write_text(_page(doc, corpus, paths, "../" * depth), encoding="utf-8")
    (out / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")


def _page(doc: VanBan, corpus: Corpus, paths: dict[str, str], up: str) -> str:
    out = [f"# {doc.title}", "", f"**{doc.trich_yeu}**", "", "| | |", "|---|---|",
           f"| Số, ký hiệu | {doc.so_ky_hieu or 'Chưa rõ'} |", f"| Loại văn bản | {doc.loai} |",
           f"| Cơ quan ban hành | {doc.co_quan_ban_hanh} |",
           f"| Ngày ban hành | {short_date(doc.ngay_ban_hanh)} |", ""]
    for ref in doc.thuc_hien + doc.gan_voi:
        target = corpus.resolve(ref.partition("#")[0])
        if target is not None:
            out.append(f"- Liên quan: [{target.title}]({up}{paths[target.slug]})")
    out.append("")
    out += _blocks(doc.mo_dau, corpus)
    for part in doc.noi_dung:
        out += _part(part, corpus, 2)
    out += _blocks(doc.ket_thuc, corpus)
    for part in doc.phu_luc:
        out += _part(part, corpus, 2)
    if doc.noi_nhan:
        out += ["**Nơi nhận:**", ""] + [f"- {r.ten}" + (f" ({r.muc_dich})" if r.muc_dich else "") + ";"
                                        for r in doc.noi_nhan] + [""]
    return "\n".join(out) + "\n"


def _units(obj, corpus: Corpus) -> list[str]:
    if not obj.is_task:
        return []
    names = ", ".join(corpus.unit_label(u) for u in obj.unit_ids())
    return [f"*Đơn vị: {names}*", ""]


def _part(part: Muc, corpus: Corpus, level: int) -> list[str]:
    out = [f"{'#' * min(level + part.depth - 1, 6)} {part.heading or part.id}", ""]
    out += _units(part, corpus)
    out += _blocks(part.noi_dung, corpus)
    for child in part.muc:
        out += _part(child, corpus, level)
    return out


def _blocks(blocks: list[Khoi], corpus: Corpus) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if b.bang is not None:
            out += ["| " + " | ".join(b.bang.cot) + " |", "|" + "---|" * len(b.bang.cot)]
            out += ["| " + " | ".join(r) + " |" for r in b.bang.dong] + [""]
        elif b.gach_dau_dong is not None:
            out += [f"- {b.gach_dau_dong}"]
            unit = _units(b, corpus)
            if unit:
                out += ["", "    " + unit[0]]
            out.append("")
        else:
            out += [b.doan_van or "", ""] + _units(b, corpus)
    return out
