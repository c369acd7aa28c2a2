"""The control's documents — order, protocol, letter to the centre, inspectors' report — as DOCX and PDF.

Each is built from the data into one neutral structure (title, blocks, signer), which both
writers render, with the look of the report documents. The signer, the title and the agency's
address come from ControlSettings (edited by the agency admin), never from templates.
Documents are found by their code (DOCUMENTS), never by their display text.
"""

import io
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from centres.access import any_role_required
from control import timers
from control.models import Answer, ControlSettings, State

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

ORDERED_ON = (
    State.ORDERED,
    State.INSPECTING,
    State.PROTOCOL_ISSUED,
    State.OBJECTION_WINDOW,
    State.REMEDY,
    State.CLOSED,
    State.ESCALATED,
)
PROTOCOL_ON = (State.PROTOCOL_ISSUED, State.OBJECTION_WINDOW, State.REMEDY, State.CLOSED, State.ESCALATED)
REPORT_ON = (State.CLOSED, State.ESCALATED)

# code -> (label, states in which the document exists)
DOCUMENTS = {
    "order": (gettext_lazy("Order for follow-up control"), ORDERED_ON),
    "protocol": (gettext_lazy("Protocol of findings"), PROTOCOL_ON),
    "letter": (gettext_lazy("Letter to the centre"), PROTOCOL_ON),
    "report": (gettext_lazy("Inspectors' report"), REPORT_ON),
}


@dataclass
class Doc:
    title: str
    agency: str
    address: str
    centre: object
    blocks: list = field(default_factory=list)  # ("h", text) | ("p", text) | ("table", header, rows)
    signer_name: str = ""
    signer_title: str = ""

    def h(self, text):
        self.blocks.append(("h", text))

    def p(self, text):
        self.blocks.append(("p", text))

    def table(self, header, rows):
        self.blocks.append(("table", header, [[str(c) for c in row] for row in rows]))


def available(control):
    return [(code, label) for code, (label, states) in DOCUMENTS.items() if control.state in states]


def _d(day):
    return day.strftime("%d.%m.%Y") if day else "—"


def _people(users):
    return ", ".join(u.get_full_name() or u.username for u in users) or "—"


def _start(control, title):
    settings = ControlSettings.current()
    return Doc(
        title=title,
        agency=settings.agency_name,
        address=settings.agency_address,
        centre=control.centre,
        signer_name=settings.signer_name,
        signer_title=settings.signer_title,
    )


def _order(control):
    doc = _start(
        control,
        _("Order for follow-up control No %(n)s of %(day)s")
        % {
            "n": control.order_number,
            "day": _d(control.ordered_on),
        },
    )
    doc.p(
        _("On the grounds of art. 48, para. 3 and art. 49c of the VET Act and art. 31 of the Rules of NAVET, I order:")
    )
    methods = [m for m, on in ((_("by documents"), control.desk), (_("on site"), control.on_site)) if on]
    doc.table(
        [_("Field"), _("Value")],
        [
            (_("Centre"), f"{control.centre.name} ({control.centre.licence_number})"),
            (_("Kind of control"), control.get_kind_display()),
            (_("Type"), control.get_type_display()),
            (_("Inspectors"), _people(control.inspectors.all())),
            (_("Term of the check"), f"{_d(control.check_from)} – {_d(control.check_to)}"),
            (_("Method"), ", ".join(methods)),
            (_("On site"), f"{_d(control.on_site_from)} – {_d(control.on_site_to)}" if control.on_site else "—"),
            (_("Period reviewed"), f"{_d(control.period_from)} – {_d(control.period_to)}"),
        ],
    )
    if control.objects_checked:
        doc.h(_("Objects checked"))
        for obj in control.objects_checked:
            doc.p("• " + obj["label"])
    doc.h(_("Scope"))
    for section in control.checklist.sections.all():
        doc.p(f"{section.code}. {section.title}")
    return doc


def _protocol(control):
    doc = _start(
        control,
        _("Protocol of findings No %(n)s of %(day)s")
        % {
            "n": control.protocol_number,
            "day": _d(control.protocol_on),
        },
    )
    doc.p(
        _("Follow-up control of %(centre)s under order No %(order)s; the check ended on %(day)s.")
        % {"centre": control.centre.name, "order": control.order_number, "day": _d(control.check_ended_on)}
    )
    rows = control.answers.select_related("item", "item__section").order_by("item__order")
    section = None
    table_rows = []
    for row in rows:
        if section != row.item.section_id:
            if table_rows:
                doc.table([_("Item"), _("Answer"), _("Comment"), _("Legal basis")], table_rows)
                table_rows = []
            doc.h(str(row.item.section))
            section = row.item.section_id
        answer = Answer(row.answer).label if row.answer else "—"
        comment = row.comment + (f" ({_('data missing or out of date')})" if row.data_missing else "")
        table_rows.append((f"{row.item.code} {row.item.text}", answer, comment, row.item.legal_basis))
    if table_rows:
        doc.table([_("Item"), _("Answer"), _("Comment"), _("Legal basis")], table_rows)
    _findings(doc, control)
    if control.remedy_deadline:
        doc.p(_("Deadline to remedy: %(day)s.") % {"day": _d(control.remedy_deadline)})
    return doc


def _findings(doc, control, outcome=False):
    findings = list(control.findings.select_related("item"))
    doc.h(_("Findings and recommendations"))
    if not findings:
        doc.p(_("No findings."))
        return
    header = [_("Item"), _("Class"), _("Finding"), _("Recommendation"), _("Deadline")]
    if outcome:
        header.append(_("Fulfilled"))
    rows = []
    for f in findings:
        row = [f.item.code if f.item else "—", f.get_klass_display(), f.text, f.recommendation, _d(f.deadline)]
        if outcome:
            row.append({True: _("Yes"), False: _("No"), None: "—"}[f.fulfilled])
        rows.append(row)
    doc.table(header, rows)


def _letter(control):
    doc = _start(control, _("Letter to %(centre)s") % {"centre": control.centre.name})
    doc.p(
        _(
            "We send you the protocol of findings No %(n)s of %(day)s of the follow-up control of your centre "
            "under order No %(order)s."
        )
        % {"n": control.protocol_number, "day": _d(control.protocol_on), "order": control.order_number}
    )
    if control.protocol_delivered_on:
        doc.p(
            _("You may send an opinion or objection within 7 days of receiving it, until %(day)s.")
            % {"day": _d(timers.objection_due(control.protocol_delivered_on))}
        )
    else:
        doc.p(_("You may send an opinion or objection within 7 days of receiving it."))
    if control.remedy_deadline:
        doc.p(
            _("Remedy the findings and report on the fulfilled recommendations in the system by %(day)s.")
            % {"day": _d(control.remedy_deadline)}
        )
    return doc


def _report(control):
    doc = _start(
        control, _("Report of the inspectors on the follow-up control of %(centre)s") % {"centre": control.centre.name}
    )
    doc.p(control.report_text)
    doc.h(_("Good practices found"))
    doc.p(control.good_practices or "—")
    doc.h(_("Objection"))
    objection = getattr(control, "objection", None) if hasattr(control, "objection") else None
    doc.p(objection.text if objection else _("The centre sent no objection."))
    _findings(doc, control, outcome=True)
    doc.h(_("Conclusion"))
    doc.p(control.get_conclusion_display() or "—")
    return doc


BUILDERS = {"order": _order, "protocol": _protocol, "letter": _letter, "report": _report}


def build(control, code):
    if code not in DOCUMENTS or control.state not in DOCUMENTS[code][1]:
        raise Http404
    return BUILDERS[code](control)


def pdf_bytes(doc):
    from weasyprint import HTML

    return HTML(string=render_to_string("control/document.html", {"doc": doc})).write_pdf()


def docx_bytes(doc):
    from docx import Document
    from docx.shared import Cm, Pt

    out_doc = Document()
    style = out_doc.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(10)
    for section in out_doc.sections:  # A4 with 2 cm margins, as the report documents
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2)
    header = out_doc.add_paragraph()
    header.add_run(doc.agency).bold = True
    if doc.address:
        out_doc.add_paragraph(doc.address)
    out_doc.add_heading(doc.title, level=0)
    for block in doc.blocks:
        if block[0] == "h":
            out_doc.add_heading(block[1], level=1)
        elif block[0] == "p":
            for line in (block[1] or "").split("\n"):
                out_doc.add_paragraph(line)
        else:
            _kind, head, rows = block
            table = out_doc.add_table(rows=1, cols=len(head))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, head, strict=True):
                cell.text = text
                cell.paragraphs[0].runs[0].bold = True
            for row in rows:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
            out_doc.add_paragraph()
    out_doc.add_paragraph()
    signer = out_doc.add_paragraph()
    signer.add_run(doc.signer_title).bold = True
    out_doc.add_paragraph(doc.signer_name or "—")
    out = io.BytesIO()
    out_doc.save(out)
    return out.getvalue()


@any_role_required
def document_view(request, pk, code, fmt):
    from control.views import visible_control

    if fmt not in ("pdf", "docx"):
        raise Http404
    control = visible_control(request, pk)
    doc = build(control, code)
    if fmt == "pdf":
        content, content_type = pdf_bytes(doc), "application/pdf"
    else:
        content, content_type = docx_bytes(doc), DOCX_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="control-{control.pk}-{code}.{fmt}"'
    return response
