"""Tasks reaching a unit, across all documents, with the part each comes from (for the handbooks).

The tasks themselves are found once per corpus (model/tasks.py) and reach units through groups
(graph/relations.py); this only orders them by document and says where each comes from.
"""
from __future__ import annotations

from dataclasses import dataclass

from ldkb.graph.relations import graph_of
from ldkb.model.corpus import Corpus
from ldkb.model.schema import Khoi, Muc, VanBan
from ldkb.model.tasks import ROLES, Reach, Task
from ldkb.render.task_view import document_order_key, unit_name


@dataclass
class UnitTask:
    reach: Reach

    @property
    def task(self) -> Task:
        return self.reach.task

    @property
    def doc(self) -> VanBan:
        return self.task.doc

    @property
    def part(self) -> Muc | None:
        return self.task.part

    @property
    def block(self) -> Khoi | None:
        return self.task.block

    @property
    def anchor(self) -> str:
        return self.task.anchor

    def role(self, corpus: Corpus) -> str:
        """`chủ trì`, `phối hợp` or `thực hiện`; through which group, when so."""
        text = ROLES[self.reach.role].lower()
        if self.reach.via:
            text += f" (việc giao cho “{unit_name(corpus, self.reach.via)}”)"
        return text

    @property
    def deadline(self) -> str | None:
        return self.task.deadline.text if self.task.deadline is not None else None

    @property
    def source_label(self) -> str:
        """`Mục III.3. Đối với Công đoàn cơ sở`; `Phần mở đầu` / `Đoạn kết` outside parts."""
        t = self.task
        label = t.place + (f". {t.title}" if t.title else "")
        return label + (f", {t.detail}" if t.detail else "")


def unit_tasks(corpus: Corpus, unit_id: str) -> list[UnitTask]:
    """Every task reaching `unit_id`, in the collection's document order."""
    reaches = graph_of(corpus).tasks.get(unit_id, [])
    return [UnitTask(r) for r in sorted(reaches, key=lambda r: document_order_key(corpus, r.task))]
