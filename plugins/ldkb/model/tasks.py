"""Tasks: who does what, by when, wherever a document assigns it.

A task sits on any part, paragraph, bullet or table row, titled or not. One walk over each
document finds them all:

- a part or block is a task when it carries assignment fields (units, bodies outside the
  registry, `giao_chung`, a deadline or an output). A part whose whole content is made of tasks of
  its own only hands its assignment down; it is not listed again;
- each row of a table that declares its columns (`bang.giao_viec`) is a task; the unit names in
  its cells are matched to the registry (model/unit_names.py);
- units and deadlines are inherited down the part tree: a unit assigned to a part is assigned
  what lies under it unless a child names its own (the same for `giao_chung` and `thoi_han`);
- a task with a deadline or output but no unit on it or above it is kept ("không nêu đơn vị")
  and reported as a warning, never dropped.

A task's identity is its document and its anchor (the part's or block's, `-d<n>` added for a
table row); `uid` stays the same when rows are inserted before it (calendars).
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from ldkb.model.deadlines import Deadline, DeadlineError, accepted_forms_hint, parse_deadline
from ldkb.model.errors import ErrorLog
from ldkb.model.schema import Bang, DonVi, Khoi, Muc, PhanCong, VanBan
from ldkb.model.unit_names import UnitNames
from ldkb.model.yaml_reader import Source
from ldkb.text.normalize import fold

ROLES = {"chu_tri": "Chủ trì", "don_vi": "Thực hiện", "phoi_hop": "Phối hợp"}
CLOSING_LABEL = "Đoạn kết"  # the part after the last numbered part: one word on page and PDF
OPENING_LABEL = "Phần mở đầu"
NO_UNIT = "không nêu đơn vị"
GENERAL = "giao chung"
Loc = tuple[str | int, ...]  # a data path in the YAML file (for line numbers)
TABLE_COLUMNS = ("nhiem_vu", "don_vi", "chu_tri", "phoi_hop", "thoi_han", "san_pham")


def part_place(part: Muc, where: str) -> str:
    """`Mục II.3.2`; in an appendix `Phụ lục I`, `Phụ lục I, mục 2.1` (ids as written, Roman kept)."""
    if where == "phu_luc":
        head, _, rest = part.id.partition(".")
        name = head[2:] if head.startswith("PL") else head
        return f"Phụ lục {name}" + (f", mục {rest}" if rest else "")
    return f"Mục {part.id}"


@dataclass(frozen=True)
class Holder:
    """The assignment in force at a node: whose it is and where it was written."""

    units: dict[str, tuple[str, ...]]  # role -> unit codes
    outside: dict[str, tuple[str, ...]]  # role -> names of bodies outside the registry
    general: bool
    anchor: str  # the node that names them
    label: str


_NOBODY = Holder({}, {}, False, "", "")


@dataclass(eq=False)
class Task:
    doc: VanBan
    anchor: str
    where: str  # mo_dau | noi_dung | phu_luc | ket_thuc
    part: Muc | None
    block: Khoi | None
    row: int | None  # 1-based row of a task table
    texts: list[str]  # the work as written
    units: dict[str, tuple[str, ...]]
    outside: dict[str, tuple[str, ...]]
    general: bool
    inherited_from: str | None  # label of the part the units come from, when not named here
    deadline: Deadline | None
    deadline_inherited: bool
    output: str | None
    order: int  # position in the document
    uid: str = ""
    cells: dict[str, str] = field(default_factory=dict)  # a table row's cells by column role

    @property
    def key(self) -> str:
        return f"{self.doc.slug}#{self.anchor}"

    @property
    def no_unit(self) -> bool:
        return not self.units and not self.outside and not self.general

    def unit_ids(self) -> list[str]:
        return list(dict.fromkeys(u for role in ROLES for u in self.units.get(role, ())))

    def role_of(self, unit_id: str) -> str | None:
        for role in ROLES:
            if unit_id in self.units.get(role, ()):
                return role
        return None

    @property
    def place(self) -> str:
        """`Mục II.3.2`, `Phụ lục I`, `Phần mở đầu`, `Đoạn kết`: Roman numerals as written."""
        if self.part is None:
            return OPENING_LABEL if self.where == "mo_dau" else CLOSING_LABEL
        return part_place(self.part, self.where)

    @property
    def detail(self) -> str:
        """What inside the part: `dòng 3 của bảng`, `gạch đầu dòng 2`, `đoạn 1`; "" for a whole part."""
        if self.block is None:
            return ""
        holder = self.part.noi_dung if self.part is not None else (
            self.doc.mo_dau if self.where == "mo_dau" else self.doc.ket_thuc)
        index = next((i for i, b in enumerate(holder, 1) if b is self.block), 0)
        if self.row is not None:
            return f"dòng {self.row} của bảng"
        same = [b for b in holder if b.kind == self.block.kind]
        n = next((i for i, b in enumerate(same, 1) if b is self.block), index)
        if self.block.kind == "gach_dau_dong":
            return f"gạch đầu dòng {n}" if len(same) > 1 else "gạch đầu dòng"
        return f"đoạn {n}" if len(same) > 1 else ""

    @property
    def title(self) -> str:
        """The part's title, when the task is the part or a row of its table."""
        return (self.part.tieu_de or "") if self.part is not None else ""

    @property
    def label(self) -> str:
        """Where the task is, for readers: `Mục II.3.2, gạch đầu dòng 2`."""
        return ", ".join(x for x in (self.place, self.detail) if x)

    @property
    def summary(self) -> str:
        """One line naming the work: a row's task cell, a block's text, a part's title or text."""
        if self.row is not None or self.block is not None:
            return self.texts[0] if self.texts else ""
        return self.title or (self.texts[0] if self.texts else "")


def _holder(obj: PhanCong, anchor: str, label: str) -> Holder | None:
    if not (obj.names_units or obj.giao_chung):
        return None
    out = obj.ngoai_danh_muc
    outside = {role: tuple(getattr(out, role)) for role in ROLES if out is not None and getattr(out, role)}
    units = {role: tuple(getattr(obj, role)) for role in ROLES if getattr(obj, role)}
    return Holder(units, outside, obj.giao_chung and not units and not outside, anchor, label)


class _Walker:
    """One document's tasks, with the errors and warnings their fields raise."""

    def __init__(self, doc: VanBan, src: Source | None, log: ErrorLog, names: UnitNames):
        self.doc, self.src, self.log, self.names = doc, src, log, names
        self.tasks: list[Task] = []
        self.seen_uids: dict[str, int] = {}

    # -- reporting -------------------------------------------------------------------------
    def _add(self, loc: Loc, message: str, hint: str = "", warning: bool = False) -> None:
        if self.src is None:
            self.log.add(self.doc.file, 0, 0, message, hint, warning=warning)
            return
        line, col = self.src.where(loc)
        self.log.add(self.src.path, line, col, message, hint, warning=warning)

    def _deadline(self, text: str | None, loc: Loc, where: str) -> Deadline | None:
        if not text:
            return None
        try:
            return parse_deadline(text)
        except DeadlineError as exc:
            self._add(loc, f"{where}: {exc.reason or f'không hiểu thời hạn `{text}`.'}", accepted_forms_hint())
            return None

    # -- making tasks ----------------------------------------------------------------------
    def _uid(self, anchor_base: str, text: str) -> str:
        seed = f"{self.doc.slug}#{anchor_base}|{' '.join(fold(text).split())}"
        n = self.seen_uids.get(seed, 0)
        self.seen_uids[seed] = n + 1
        digest = hashlib.sha1(f"{seed}|{n}".encode()).hexdigest()[:20]
        return f"{digest}@ldkb"

    def _task(self, *, anchor: str, where: str, part: Muc | None, block: Khoi | None, row: int | None,
              texts: list[str], holder: Holder, own: bool, deadline: Deadline | None, deadline_own: bool,
              output: str | None, loc: Loc, uid_base: str, cells: dict[str, str] | None = None) -> Task:
        task = Task(self.doc, anchor, where, part, block, row, texts, dict(holder.units), dict(holder.outside),
                    holder.general, None if own or not holder.anchor else holder.label, deadline,
                    deadline is not None and not deadline_own, output, len(self.tasks),
                    cells=cells or {})
        task.uid = self._uid(uid_base, " ".join(texts) if row is not None else "")
        if task.no_unit:
            what = "thời hạn" if task.deadline is not None else ("sản phẩm" if output else "việc")
            self._add(loc, f"{task.label}: có {what} nhưng {NO_UNIT} (ở đây hay ở mục trên).",
                      "Việc vẫn được giữ và hiện là “không nêu đơn vị”. Nếu văn bản nêu đơn vị: thêm `don_vi`, "
                      "`chu_tri` hoặc `phoi_hop`; nếu văn bản giao chung, không nêu ai: thêm `giao_chung: true`.",
                      warning=True)
        self.tasks.append(task)
        return task

    # -- the walk --------------------------------------------------------------------------
    def run(self) -> list[Task]:
        """Document order: opening, parts, closing paragraph, appendices."""
        doc = self.doc
        for key in ("mo_dau", "noi_dung", "ket_thuc", "phu_luc"):
            if key in ("mo_dau", "ket_thuc"):
                label = OPENING_LABEL if key == "mo_dau" else CLOSING_LABEL
                for j, block in enumerate(getattr(doc, key)):
                    self._block(block, None, key, (key, j), _NOBODY, None, label)
            else:
                for i, part in enumerate(getattr(doc, key)):
                    self._part(part, key, (key, i), _NOBODY, None)
        return self.tasks

    def _part_label(self, part: Muc, where: str) -> str:
        return part_place(part, where)

    @staticmethod
    def _own_task(block: Khoi) -> bool:
        return block.is_task or (block.bang is not None and block.bang.giao_viec is not None)

    def _part(self, part: Muc, where: str, loc: Loc, above: Holder, above_deadline: Deadline | None) -> None:
        """A part with an assignment in force (its own or one from above) is a task when it holds text
        of its own that is not a task of its own, or nothing at all (a heading that is the work);
        its sub-parts are tasks of their own, each with what is in force there."""
        label = self._part_label(part, where)
        own = _holder(part, part.anchor, label)
        holder = own or above
        deadline = self._deadline(part.thoi_han, loc + ("thoi_han",), label)
        in_force = deadline or above_deadline
        assigned = holder is not _NOBODY or in_force is not None or part.is_task
        leftover = [b.text for b in part.noi_dung if not self._own_task(b)]
        if assigned and (leftover or not (part.noi_dung or part.muc)):
            self._task(anchor=part.anchor, where=where, part=part, block=None, row=None, texts=leftover,
                       holder=holder, own=own is not None, deadline=in_force, deadline_own=deadline is not None,
                       output=part.san_pham, loc=loc + ("thoi_han" if part.thoi_han else "so",),
                       uid_base=part.anchor)
        for j, block in enumerate(part.noi_dung):
            self._block(block, part, where, loc + ("noi_dung", j), holder, in_force, label)
        for i, child in enumerate(part.muc):
            self._part(child, where, loc + ("muc", i), holder, in_force)

    def _block(self, block: Khoi, part: Muc | None, where: str, loc: Loc, above: Holder,
               above_deadline: Deadline | None, part_label: str) -> None:
        own = _holder(block, block.anchor, part_label)
        holder = own or above
        deadline = self._deadline(block.thoi_han, loc + ("thoi_han",), part_label)
        in_force = deadline or above_deadline
        table = block.bang
        if table is not None and table.giao_viec is not None:
            self._table(table, block, part, where, loc, holder, in_force, part_label)
            return
        if block.is_task:
            self._task(anchor=block.anchor, where=where, part=part, block=block, row=None, texts=[block.text],
                       holder=holder, own=own is not None, deadline=in_force, deadline_own=deadline is not None,
                       output=block.san_pham, loc=loc + ("thoi_han" if block.thoi_han else block.kind,),
                       uid_base=block.anchor)

    def _column(self, table: Bang, ref: str | None, loc: Loc) -> int | None:
        if ref is None:
            return None
        ref = ref.strip()
        if ref.isdigit():
            n = int(ref)
            if 1 <= n <= len(table.cot):
                return n - 1
        else:
            key = " ".join(fold(ref).split())
            for i, name in enumerate(table.cot):
                if " ".join(fold(name).split()) == key:
                    return i
        self._add(loc, f"Bảng giao việc: không có cột `{ref}`.",
                  "Ghi tên cột đúng như ở `cot` ("
                  + ", ".join(f"`{c}`" for c in table.cot) + f") hoặc số thứ tự cột, từ 1 đến {len(table.cot)}.")
        return None

    def _table(self, table: Bang, block: Khoi, part: Muc | None, where: str, loc: Loc, above: Holder,
               above_deadline: Deadline | None, part_label: str) -> None:
        decl = table.giao_viec
        assert decl is not None  # only declared task tables come here
        tloc = loc + ("bang",)
        cols = {role: self._column(table, getattr(decl, role), tloc + ("giao_viec", role)) for role in TABLE_COLUMNS}
        task_col = cols["nhiem_vu"]
        if task_col is None:
            return
        for r, row in enumerate(table.dong, 1):
            rloc = tloc + ("dong", r - 1)
            units: dict[str, tuple[str, ...]] = {}
            outside: dict[str, tuple[str, ...]] = {}
            for role in ROLES:
                c = cols[role]
                if c is None:
                    continue
                m = self.names.match(row[c], decl.ngoai_danh_muc)
                if m.units:
                    units[role] = m.units
                if m.outside:
                    outside[role] = m.outside
                if m.unknown:
                    self._add(rloc + (c,),
                              f"Bảng giao việc, dòng {r}, cột “{table.cot[c]}”: ô `{row[c]}` có tên không khớp "
                              f"đơn vị nào trong danh mục: {', '.join(f'“{u}”' for u in m.unknown)}.",
                              "Nếu là đơn vị của hệ thống công đoàn: thêm đơn vị vào `content/don-vi.yml`, hoặc "
                              "thêm cách gọi này vào `ten_khac` của đơn vị đã có. Nếu là cơ quan ngoài danh mục "
                              "(bộ, sở, ngành…): thêm tên đúng như trong ô vào `giao_viec.ngoai_danh_muc` của bảng.")
            row_label = part_label
            if units or outside:
                holder = Holder(units, outside, False, f"{block.anchor}-d{r}", row_label)
                own = True
            else:
                holder, own = above, False
            c = cols["thoi_han"]
            deadline = self._deadline(row[c], rloc + (c,), f"{part_label}, dòng {r} của bảng") if c is not None else None
            c = cols["san_pham"]
            output = (row[c].strip() or None) if c is not None else None
            cells = {role: row[col] for role in TABLE_COLUMNS if (col := cols[role]) is not None}
            self._task(anchor=f"{block.anchor}-d{r}", where=where, part=part, block=block, row=r,
                       texts=[row[task_col]], holder=holder, own=own,
                       deadline=deadline or above_deadline, deadline_own=deadline is not None, output=output,
                       loc=rloc, uid_base=block.anchor, cells=cells)


def document_tasks(doc: VanBan, src: Source | None, log: ErrorLog, names: UnitNames) -> list[Task]:
    """Every task of `doc` in document order; problems go to `log` with their line."""
    return _Walker(doc, src, log, names).run()



@dataclass(frozen=True)
class Reach:
    """A unit a task reaches, in which role; `via` is the group it was addressed to, if any."""

    task: Task
    unit: str
    role: str
    via: str | None = None


def group_members(units: Mapping[str, DonVi], group: str) -> list[str]:
    """Every unit a group includes, nested groups opened (cycle-safe), in the registry's order."""
    out: list[str] = []
    seen = {group}
    stack = list(reversed(units[group].bao_gom)) if group in units else []
    while stack:
        code = stack.pop()
        if code in seen or code not in units:
            continue
        seen.add(code)
        out.append(code)
        stack.extend(reversed(units[code].bao_gom))
    return out


def reaches(task: Task, units: Mapping[str, DonVi]) -> list[Reach]:
    """The units `task` reaches: those it names, and the members of the groups it names."""
    direct: dict[str, str] = {}
    for role in ROLES:
        for code in task.units.get(role, ()):
            direct.setdefault(code, role)
    out = [Reach(task, code, role) for code, role in direct.items()]
    for code, role in list(direct.items()):
        for member in group_members(units, code):
            if member not in direct:
                direct[member] = role
                out.append(Reach(task, member, role, via=code))
    return out


__all__ = ["Reach", "reaches", "group_members", "Task", "ROLES", "CLOSING_LABEL", "OPENING_LABEL", "NO_UNIT", "GENERAL", "document_tasks",
           "TABLE_COLUMNS"]
