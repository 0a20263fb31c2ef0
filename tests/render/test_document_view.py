"""The document view-model (plugins/ldkb/render/document_view.py): what every renderer of a
document draws from, checked in-process against the content model and the rendered outputs."""
from __future__ import annotations

import html

from conftest import ROOT

from ldkb.model.corpus import iter_parts, load_corpus
from ldkb.pdf.document_html import document_html
from ldkb.render.document_page import document_markdown
from ldkb.render.document_view import Part, document_view


def _corpus():
    return load_corpus(ROOT / "content")


def _walk(parts: tuple[Part, ...]):
    for p in parts:
        yield p
        yield from _walk(p.children)


def test_plan_view_follows_the_model_and_states_unknown_facts_as_unknown():
    corpus = _corpus()
    plan = corpus.resolve("ke-hoach-thuc-hien-chi-thi-07")
    view = document_view(plan, corpus)
    # The source gives neither number nor date: the header keeps the blanks, the facts say None.
    assert view.header.number == "…/KH-LĐLĐ"
    assert view.header.date == "ngày … tháng … năm …"
    assert view.facts.number is None and view.facts.date is None
    assert view.facts.status.label is None
    # Every part of the model is in the view, in order, with its anchor and heading.
    model_parts = list(iter_parts(plan))
    view_parts = list(_walk(view.parts))
    assert [p.anchor for p in view_parts] == [p.anchor for p in model_parts if p not in plan.phu_luc]
    assert [p.heading for p in view_parts] == [p.heading or p.id for p in model_parts if p not in plan.phu_luc]
    blocks = sum(len(p.blocks) for p in view_parts)
    assert blocks == sum(len(p.noi_dung) for p in model_parts)
    assert len(view.opening) == len(plan.mo_dau) and len(view.ending) == len(plan.ket_thuc)


def test_web_page_and_pdf_draw_the_same_headings_and_closing_from_the_view():
    corpus = _corpus()
    plan = corpus.resolve("ke-hoach-thuc-hien-chi-thi-07")
    view = document_view(plan, corpus)
    page, pdf = document_markdown(plan, corpus), document_html(plan, corpus)
    for part in _walk(view.parts):
        assert f'data-part="{part.id}"' in page and f'data-part="{part.id}"' in pdf
    for line in map(html.escape, view.closing.recipients):
        assert line in page and f"- {line}" in pdf
    assert html.escape(view.header.number) in page and html.escape(view.header.number) in pdf


def test_assignments_name_registered_units_and_keep_unknown_codes_visible():
    corpus = _corpus()
    named = 0
    for doc in corpus.documents:
        for part in _walk(document_view(doc, corpus).parts):
            if part.task is None:
                continue
            for unit in (part.task.lead, *part.task.units, *part.task.partners):
                if unit is not None:
                    named += 1
                    registered = corpus.units.get(unit.id)
                    assert unit.name == (registered.ten if registered else None)
    assert named > 0
