"""A deterministic synthetic corpus for the benchmark, in the real content schema.

The real documents come first (so N = 13 is the real corpus and every citation in
the plan's own sentences still resolves); the rest are generated from a fixed
seed. Their text is made of the plan's own sentences and headings; they cite
each other (and the real documents) with the spellings the plan itself uses:
"Kế hoạch số 117/KH-LĐLĐ ngày …", "Chương trình 36 -CTr/TU", "Chỉ thị số
37-CT/TW", … Every symbol they cite exists in the generated corpus, so a strict
build that checks citations passes.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from ldkb.model.corpus import DOCS_DIR, iter_blocks, iter_parts, load_corpus
from ldkb.model.symbols import symbol_slug
from ldkb.text.dates import short_date

# libyaml's emitter: the pure-Python one would dominate generating 5,000 documents.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

SEED = 20200204  # the date of Chỉ thị 07/CT-TTg: any fixed number would do
PLAN_SLUG = "ke-hoach-thuc-hien-chi-thi-07"
FIRST_NUMBER = 200  # above every real number of the same series
SYNTHETIC_NOTE = "Văn bản tổng hợp tự động để đo hiệu năng; không phải văn bản thật."


@dataclass(frozen=True)
class Series:
    """A family of documents sharing type code and issuer, as in the real corpus."""

    loai: str
    code: str
    issuer_code: str
    party: bool  # `36-CTr/TU` (party) or `117/KH-LĐLĐ` (state, union)
    issuer: str  # co_quan_ban_hanh
    parent: str | None  # co_quan_chu_quan
    weight: int

    def symbol(self, number: int) -> str:
        if self.party:
            return f"{number}-{self.code}/{self.issuer_code}"
        return f"{number}/{self.code}-{self.issuer_code}"


# Issuers and bodies exactly as the plan and the real documents name them.
SERIES = (
    Series("Kế hoạch", "KH", "LĐLĐ", False, "Ban Thường vụ Liên đoàn Lao động tỉnh",
           "Tổng Liên đoàn Lao động Việt Nam", 50),
    Series("Kế hoạch", "KH", "TLĐ", False, "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam", None, 10),
    Series("Chương trình", "CTr", "TLĐ", False, "Tổng Liên đoàn Lao động Việt Nam", None, 8),
    Series("Chương trình", "CTr", "TU", True, "Ban Thường vụ Tỉnh ủy", None, 10),
    Series("Chỉ thị", "CT", "TW", True, "Ban Bí thư", None, 6),
    Series("Chỉ thị", "CT", "TTg", False, "Thủ tướng Chính phủ", None, 6),
    Series("Nghị quyết", "NQ", "TLĐ", False, "Tổng Liên đoàn Lao động Việt Nam", None, 10),
)


@dataclass
class _Doc:
    """What a later document needs to cite an earlier one."""

    symbol: str | None
    loai: str
    series: Series | None
    date: dt.date | None
    issuer: str
    subject: str
    has_ii_1: bool


_SENTENCE_END = re.compile(r"(?<=[.;:…])\s+(?=[A-ZĐÀ-Ỹ“])")


def _plan_text(content: Path):
    """The plan's sentences, headings and closing lines, read through the real loader."""
    corpus = load_corpus(content)
    plan = corpus.by_slug(PLAN_SLUG)
    if plan is None or not plan.full_text:
        raise SystemExit(f"Không tìm thấy toàn văn kế hoạch `{PLAN_SLUG}` trong {content}.")
    sentences: list[str] = []
    for _, block in iter_blocks(plan):
        if block.bang is not None:
            continue
        for s in _SENTENCE_END.split(block.text):
            s = s.strip()
            if len(s) >= 30:
                sentences.append(s)
    headings = [p.tieu_de for p in iter_parts(plan) if p.tieu_de and len(p.tieu_de) > 12 and p.depth > 1]
    real: list[_Doc] = []
    for d in corpus.documents:
        real.append(_Doc(d.so_ky_hieu, d.loai, None, d.ngay_ban_hanh, d.co_quan_ban_hanh,
                         d.trich_yeu, False))
    closing = [b.model_dump(exclude_defaults=True) for b in plan.ket_thuc]
    recipients = [r.model_dump(exclude_none=True) for r in plan.noi_nhan]
    return corpus, sentences, headings, real, closing, recipients, plan.luu


def _cite(d: _Doc, rng: random.Random) -> str:
    """A citation of `d` in one of the spellings the plan uses."""
    date = f" ngày {short_date(d.date).lstrip('0')}" if d.date and rng.random() < 0.8 else ""
    sym = d.symbol or ""
    s = d.series
    if s is not None and s.party and s.code == "CTr" and rng.random() < 0.4:
        # "Chương trình 36 -CTr/TU": the plan's own spacing.
        num, rest = sym.split("-", 1)
        text = f"{d.loai} {num} -{rest}{date}"
    elif rng.random() < 0.25:
        text = f"{d.loai} {sym},{date}" if date else f"{d.loai} số {sym}"
    else:
        text = f"{d.loai} số {sym}{date}"
    if rng.random() < 0.6:
        text += f" của {d.issuer}"
    if rng.random() < 0.5:
        text += f" về “{d.subject.rstrip('.')}”"
    return text


def _citing_sentence(d: _Doc, rng: random.Random) -> str:
    verb = rng.choice(["Triển khai thực hiện tốt", "Tổ chức thực hiện có hiệu quả", "Thực hiện",
                       "Triển khai thực hiện có hiệu quả"])
    return f"{verb} {_cite(d, rng)}."


def generate(dest: Path | str, n: int, *, seed: int = SEED, source: Path | str | None = None) -> Path:
    """Write a content folder with `n` documents (the real ones first) into `dest`; return it.

    `source` is the real `content/` folder: its registries and documents are copied.
    """
    from tools.bench import REPO_ROOT

    source = Path(source) if source else REPO_ROOT / "content"
    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns(DOCS_DIR))
    (dest / DOCS_DIR).mkdir()
    real_corpus, sentences, headings, real, closing, recipients, luu = _plan_text(source)
    real_files = sorted((source / DOCS_DIR).glob("*.y*ml"))
    for path in real_files[:n]:
        shutil.copy2(path, dest / DOCS_DIR / path.name)
    if not (dest / DOCS_DIR / f"{PLAN_SLUG}.yml").exists():
        # Fewer documents than the real ones: the main document may be left out; so is the setting.
        settings = dest / "cai-dat.yml"
        settings.write_text(re.sub(r"(?m)^van_ban_chinh:.*$", "van_ban_chinh:", settings.read_text(encoding="utf-8")),
                            encoding="utf-8")
    if n <= len(real_files):
        return dest

    rng = random.Random(seed)
    units = sorted(real_corpus.units)
    citable = [d for d in real if d.symbol]
    counters = dict.fromkeys(SERIES, FIRST_NUMBER)
    taken = {symbol_slug(d.symbol) for d in citable}
    weights = [s.weight for s in SERIES]
    count = n - len(real_files)
    start = dt.date(2011, 1, 1)
    span = (dt.date(2025, 12, 31) - start).days

    for i in range(count):
        series = rng.choices(SERIES, weights)[0]
        while True:
            number = counters[series]
            counters[series] += 1
            symbol = series.symbol(number)
            if symbol_slug(symbol) not in taken:
                break
        taken.add(symbol_slug(symbol))
        date = start + dt.timedelta(days=(i * span) // max(count, 1) + rng.randrange(3))
        date = min(date, dt.date(2025, 12, 31))
        doc, subject = _document(series, symbol, date, rng, sentences, headings, citable, units,
                                 closing, recipients, luu)
        path = dest / DOCS_DIR / f"{symbol_slug(symbol)}.yml"
        path.write_text(
            "# " + SYNTHETIC_NOTE + "\n"
            + yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000),
            encoding="utf-8",
        )
        citable.append(_Doc(symbol, series.loai, series, date, series.issuer, subject, True))
    return dest


def _pick_units(rng: random.Random, units: list[str]) -> dict:
    roll = rng.random()
    if roll < 0.6:
        return {"don_vi": rng.sample(units, rng.randint(1, 2))}
    if roll < 0.85:
        lead, *others = rng.sample(units, 3)
        return {"chu_tri": lead, "phoi_hop": others[: rng.randint(1, 2)]}
    return {"don_vi": [rng.choice(units)], "thoi_han": rng.choice(["Hằng năm", "Hằng quý"])}


def _document(series, symbol, date, rng, sentences, headings, citable, units, closing, recipients, luu):
    def text(k: int) -> str:
        return " ".join(rng.choice(sentences) for _ in range(k))

    def block() -> object:
        body = text(rng.randint(1, 2))
        if citable and rng.random() < 0.2:
            body = _citing_sentence(rng.choice(citable), rng) + " " + body
        kind = "gach_dau_dong" if rng.random() < 0.75 else "doan_van"
        if rng.random() < 0.2:
            return {kind: body, **_pick_units(rng, units)}
        return body if kind == "doan_van" else {kind: body}

    def table() -> dict:
        rows = [[rng.choice(headings), rng.choice(units), rng.choice(["Hằng năm", "Hằng quý", "30/6"])]
                for _ in range(rng.randint(2, 5))]
        return {"bang": {"cot": ["Nội dung", "Đơn vị chủ trì", "Thời hạn"], "dong": rows}}

    def sub_parts(prefix: str, k: int, depth: int) -> list[dict]:
        out = []
        for j in range(1, k + 1):
            if depth == 2:
                so = str(j)
            elif depth == 3:
                so = f"{prefix}.{j}" if rng.random() < 0.5 or prefix.count(".") else "abcdđeg"[j - 1]
            else:
                so = "abcdđeg"[j - 1]
            part: dict = {"so": so, "tieu_de": rng.choice(headings)}
            if rng.random() < 0.15:
                part.update(_pick_units(rng, units))
            blocks = [block() for _ in range(rng.randint(1, 4))]
            if rng.random() < 0.05:
                blocks.append(table())
            if depth < 4 and rng.random() < 0.25:
                part["muc"] = sub_parts(so, rng.randint(2, 4), depth + 1)
                if rng.random() < 0.5:
                    part["noi_dung"] = blocks[:1]
            else:
                part["noi_dung"] = blocks
            out.append(part)
        return out

    titles = ["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ VÀ GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN"]
    top = [{"so": roman, "tieu_de": title, "muc": sub_parts(roman, rng.randint(1, 4), 2)}
           for roman, title in zip(("I", "II", "III"), titles[: rng.randint(2, 3)], strict=False)]

    implements = rng.sample(citable, min(len(citable), rng.randint(1, 2)))
    subject = f"Thực hiện {_cite(implements[0], rng)}" if rng.random() < 0.6 else rng.choice(headings)
    thuc_hien = []
    for d in implements:
        ref = d.symbol
        if d.has_ii_1 and rng.random() < 0.2:
            ref += "#II.1"  # a deep link to a part: every generated document has II.1
        thuc_hien.append(ref)
    doc: dict = {
        "so_ky_hieu": symbol,
        "loai": series.loai,
    }
    if series.parent:
        doc["co_quan_chu_quan"] = series.parent
    doc.update({
        "co_quan_ban_hanh": series.issuer,
        "ngay_ban_hanh": date.strftime("%d/%m/%Y"),
        "trich_yeu": subject,
        "thuc_hien": thuc_hien,
    })
    if len(citable) > 2 and rng.random() < 0.3:
        other = rng.choice(citable)
        if other.symbol not in {d.symbol for d in implements}:
            doc["gan_voi"] = [other.symbol]
    doc.update({
        "hieu_luc": {"tinh_trang": "chua-ro"},
        "nguon": SYNTHETIC_NOTE,
        "mo_dau": [f"{_citing_sentence(implements[0], rng)} {series.issuer} xây dựng kế hoạch triển khai, "
                   f"thực hiện, cụ thể như sau:"],
        "noi_dung": top,
        "ket_thuc": closing,
        "noi_nhan": recipients,
    })
    if luu:
        doc["luu"] = luu
    return doc, subject
