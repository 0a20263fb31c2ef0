"""A unit's report form as a PDF: the same form as the Word file (render/report_form_view.py) in the
official layout (NĐ 30/2020 page and header, official.css)."""
from __future__ import annotations

from ldkb.model.corpus import Corpus
from ldkb.model.schema import DonVi
from ldkb.pdf.document_html import header_html, html_page
from ldkb.render.document_view import Header
from ldkb.render.markup import esc
from ldkb.render.report_form_view import report_form


def report_form_html(corpus: Corpus, unit: DonVi) -> str:
    form = report_form(corpus, unit)
    header = header_html(Header(parent=form.parent, issuer=form.issuer, number=form.number.removeprefix("Số: "),
                                place="……", date="ngày …… tháng …… năm ……"))
    out = [header,
           f'<h1 class="vb-type">{esc(form.title)}</h1>',
           f'<p class="vb-subject"><span class="ruled">{esc(form.subject)}</span></p>']
    out += [f'<p class="rf-to">Kính gửi: {esc(name)}</p>' for name in form.recipients]
    out.append(f'<p class="para">{esc(form.intro)}</p>')
    if form.note:
        out.append(f'<p class="rf-note">{esc(form.note)}</p>')
    head = "".join(f"<th>{esc(c)}</th>" for c in form.columns)
    rows = []
    for r in form.rows:
        work = f"<strong>{esc(r.where)}</strong>" + "".join(f"<br>{esc(w)}" for w in r.work)
        rows.append(f'<tr><td class="rf-n">{r.number}</td><td>{work}</td><td>{esc(r.deadline or "Không nêu")}</td>'
                    f"<td>{esc(r.result)}</td><td></td><td></td></tr>")
    out.append('<table class="grid rf-table"><colgroup><col class="rf-c1"><col class="rf-c2"><col class="rf-c3">'
               '<col class="rf-c4"><col class="rf-c5"><col class="rf-c6"></colgroup>'
               f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    out.append('<table class="vb-close"><colgroup><col class="c-left"><col class="c-right"></colgroup><tbody><tr>'
               '<td class="close-left"><p class="rcpt-title">Nơi nhận:</p><ul class="rcpt"><li>- Như trên;</li>'
               '<li>- Lưu: ……</li></ul></td><td class="close-right"><p class="s-position">(CHỨC VỤ NGƯỜI KÝ)</p>'
               '<p class="rf-sign">(Ký, ghi rõ họ tên, đóng dấu)</p></td></tr></tbody></table>')
    return html_page(f"Mẫu báo cáo kết quả thực hiện — {unit.ten}", "".join(out),
                     author=corpus.settings.ten_website, subject=form.subject, body_class="official report-form")


__all__ = ["report_form_html"]
