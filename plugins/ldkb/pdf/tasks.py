"""Tasks assigned to a unit, across all documents, with the part each comes from."""
from __future__ import annotations

from dataclasses import dataclass

from ldkb.model.corpus import Corpus, iter_parts
from ldkb.model.schema import Khoi, Muc, VanBan


@dataclass
class Task:
    doc: VanBan
    part: Muc | None  # the part assigned, or the part holding the assigned block
    block: Khoi | None  # None when the whole part is assigned
    where: str  # "mo_dau" / "ket_thuc" for blocks outside parts

    @property
    def obj(self) -> Muc | Khoi:
        """The block assigned, else the part (a task always has one of them)."""
        obj = self.block if self.block is not None else self.part
        assert obj is not None
        return obj

    @property
    def anchor(self) -> str:
        return self.obj.anchor

    def role(self, unit_id: str) -> str:
        """`chủ trì`, `phối hợp` or `thực hiện`, as the part or block assigns it."""
        obj = self.obj
        if obj.chu_tri == unit_id:
            return "chủ trì"
        return "phối hợp" if unit_id in obj.phoi_hop else "thực hiện"

    @property
    def deadline(self) -> str | None:
        return self.obj.thoi_han

    @property
    def source_label(self) -> str:
        """`Mục III.3. Đối với Công đoàn cơ sở`; `Phần mở đầu` / `Đoạn kết` outside parts."""
        if self.part is None:
            return "Phần mở đầu" if self.where == "mo_dau" else "Đoạn kết"
        title = self.part.tieu_de or ""
        return f"Mục {self.part.id}" + (f". {title}" if title else "")


def unit_tasks(corpus: Corpus, unit_id: str) -> list[Task]:
    """Parts and blocks naming `unit_id`, in document order; a block inside an assigned part is
    not listed again (the part, shown whole, already contains it)."""
    out: list[Task] = []
    for doc in corpus.sorted_documents():
        for b in doc.mo_dau:
            if unit_id in b.unit_ids():
                out.append(Task(doc, None, b, "mo_dau"))
        covered: set[int] = set()
        for part in iter_parts(doc):
            if id(part) in covered:
                continue
            if unit_id in part.unit_ids():
                out.append(Task(doc, part, None, "noi_dung"))
                stack = [part]
                while stack:
                    p = stack.pop()
                    covered.add(id(p))
                    stack.extend(p.muc)
                continue
            for b in part.noi_dung:
                if unit_id in b.unit_ids():
                    out.append(Task(doc, part, b, "noi_dung"))
        for b in doc.ket_thuc:
            if unit_id in b.unit_ids():
                out.append(Task(doc, None, b, "ket_thuc"))
    return out
