"""The editors' guide page on tasks (docs/huong-dan-bien-tap/giao-viec.md): every YAML example on it
validates against the real collection, and its table of deadline forms is what the grammar accepts."""
from __future__ import annotations

import re
import shutil

import yaml

from conftest import ROOT

from ldkb.model.corpus import load_corpus
from ldkb.model.deadlines import ACCEPTED_FORMS, parse_deadline

PAGE = ROOT / "docs" / "huong-dan-bien-tap" / "giao-viec.md"


def examples() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S)


def test_every_yaml_example_validates(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    kinds = []
    for i, text in enumerate(examples(), 1):
        data = yaml.safe_load(text)
        if "bao_cao" in data:
            kinds.append("bao_cao")
            (content / "tien-do").mkdir(exist_ok=True)
            (content / "tien-do" / f"vi-du-{i}.yml").write_text(text, encoding="utf-8")
        elif "don_vi" in data:
            kinds.append("don_vi")
            units_path = content / "don-vi.yml"
            units = yaml.safe_load(units_path.read_text(encoding="utf-8"))
            by_code = {u["ma"]: u for u in units["don_vi"]}
            for unit in data["don_vi"]:
                by_code.setdefault(unit["ma"], {}).update(unit)
            units["don_vi"] = list(by_code.values())
            units_path.write_text(yaml.safe_dump(units, allow_unicode=True, sort_keys=False), encoding="utf-8")
        else:
            kinds.append("van_ban")
            head = (f"ma: vi-du-huong-dan-{i}\nloai: Kế hoạch\nco_quan_ban_hanh: Ví dụ trong hướng dẫn\n"
                    f"trich_yeu: Ví dụ {i} của trang Giao việc cho đơn vị\n")
            (content / "van-ban" / f"vi-du-huong-dan-{i}.yml").write_text(head + text, encoding="utf-8")
    assert kinds.count("van_ban") >= 5 and "bao_cao" in kinds and "don_vi" in kinds
    corpus = load_corpus(content)  # strict: any error fails here, with its file and line
    assert [w for w in corpus.log.warnings if "vi-du" in w.file] == []
    examples_tasks = [t for slug, tasks in corpus.tasks.items() if slug.startswith("vi-du") for t in tasks]
    assert any(t.row is not None for t in examples_tasks)  # the table example makes row tasks
    assert any(t.general for t in examples_tasks)
    assert any(t.outside for t in examples_tasks)
    assert len(corpus.progress) == 1


def test_the_deadline_table_is_what_the_grammar_accepts():
    text = PAGE.read_text(encoding="utf-8")
    table = text[text.index("| Viết | Hạn là |"):]
    table = table[:table.index("\n\n")]
    written = [w for row in table.splitlines()[2:] for w in re.findall(r"`([^`]+)`", row.split("|")[1])]
    assert len(written) >= 15
    for w in written:
        parse_deadline(w)
    for example, _ in ACCEPTED_FORMS:
        assert example in written or example in text, example
