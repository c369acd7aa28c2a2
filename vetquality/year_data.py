"""The centre's year: its report, activity information, surveys and controls, each with its state and next step.

The project knows every app, so the providers of the panels shown beside a report (on the
review page and on the centre's year page) live here and are registered in
VetqualityConfig.ready; the reports app itself imports neither activity nor surveys. The controls
panel depends on who looks (a centre never sees a planned control), so the year page adds it itself.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from activity.checks import activity_gaps_for
from activity.models import ActivityReport
from activity.summary import summary_for
from centres.models import CentreKind
from control import services as control_services
from control import timers
from control.models import Control, State
from reports import services
from reports.deadlines import last_on_time_day
from reports.models import Report, Status
from reports.year_panels import Panel, panels_for, register_panel
from surveys import results
from surveys.models import QuestionnaireKind

CPO_HEADER = ("trainers_total", "graduates_followed_up", "graduates_employed", "graduates_in_learning")
CIPO_HEADER = ("clients_total", "clients_employed", "clients_unemployed", "clients_learners")


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def _activity_rows(centre, activity):
    """[(label, value)] of the figures an expert looks at first."""
    if activity is None:
        return []
    if centre.kind == CentreKind.CIPO:
        return [(_label(ActivityReport, n), getattr(activity, n)) for n in CIPO_HEADER]
    summary = summary_for(activity)
    rows = [
        (_("courses"), summary["courses"]),
        (_("enrolled"), summary["enrolled"]),
        (_("certified"), summary["certified"]),
        (_("from vulnerable groups"), summary["vulnerable"]),
        (_("admitted to the state examination"), summary["exam_admitted"]),
        (_("passed the state examination"), summary["exam_passed"]),
        (_("certified through validation"), summary["qualifying_by_validation"]),
    ]
    return rows + [(_label(ActivityReport, n), getattr(activity, n)) for n in CPO_HEADER]


def activity_panel(centre, year, *, zero_value=None):
    activity = ActivityReport.objects.filter(centre=centre, year=year).first()
    if zero_value is None:
        zero_value = Report.objects.filter(centre=centre, year=year, zero_value=True).exists()
    gaps = activity_gaps_for(centre, year, zero_value=zero_value)
    if activity is None:
        state = _("not entered yet")
    elif gaps:
        state = _("entered; %(n)s to correct or complete") % {"n": len(gaps)}
    else:
        state = _("entered, complete and consistent")
    return Panel(
        key="activity",
        title=_("Activity information %(year)s") % {"year": year},
        template="year/panel_activity.html",
        url=reverse("activity:edit", args=[centre.pk, year]),
        state=state,
        complete=not gaps,
        next_step=_("Enter or correct the activity information.") if gaps else "",
        context={"rows": _activity_rows(centre, activity), "gaps": gaps},
    )


def surveys_panel(centre, year):
    rows = []
    for kind, label in QuestionnaireKind.choices:
        campaigns = results.campaigns_for(centre, year, kind)
        enough = results.sufficiency(campaigns)
        if not enough.answers and not enough.invited:
            continue
        satisfied, total = results.satisfaction_counts(campaigns)
        rows.append(
            {
                "label": label,
                "sufficiency": enough,
                "index": results.percent(satisfied, total) if enough.enough else None,
            }
        )
    if rows:
        state = _("%(n)s questionnaires with answers") % {"n": len(rows)}
    else:
        state = _("no survey for this year")
    return Panel(
        key="surveys",
        title=_("Surveys %(year)s") % {"year": year},
        template="year/panel_surveys.html",
        url=reverse("surveys:centre_results", args=[centre.pk, year]),
        state=state,
        complete=None,
        context={"rows": rows},
    )


def register():
    register_panel(activity_panel)
    register_panel(surveys_panel)


# ---------------------------------------------------------------- the centre's year page
@dataclass
class ReportState:
    report: object
    state: str
    complete: bool
    gaps: int = 0
    next_step: str = ""
    next_url: str = ""
    comment: str = ""
    extra: dict = field(default_factory=dict)


def report_state(centre, year, user):
    report = Report.objects.filter(centre=centre, year=year).select_related("framework", "last_submission").first()
    if report is None:
        can_open = services.can_edit(user, Report(centre=centre)) if user.is_authenticated else False
        return ReportState(
            None,
            _("not started"),
            False,
            next_step=_("Open the report and fill it in.") if can_open else "",
            next_url=reverse("reports:list") if can_open else "",
        )
    if report.status in (Status.DRAFT, Status.RETURNED):
        gaps = len(services.check_report(report))
        if report.status == Status.RETURNED:
            step, comment = _("Correct the report as the agency asked and submit it again."), report.return_comment
        elif gaps:
            step, comment = _("Complete %(n)s things and submit the report.") % {"n": gaps}, ""
        else:
            step, comment = _("The report is complete: submit it."), ""
        return ReportState(
            report,
            report.get_status_display(),
            gaps == 0,
            gaps,
            step,
            reverse("reports:check", args=[report.pk]) if services.can_edit(user, report) else "",
            comment,
        )
    if report.status == Status.SUBMITTED:
        return ReportState(report, _("submitted, waiting for the agency's review"), True)
    return ReportState(report, _("approved"), True, comment=report.approval_comment)


# A control's recommendations are given with its protocol and stay open until found fulfilled; the findings
# of an inspection under way are not recommendations yet (as control.home.centre_controls holds).
RECOMMENDATIONS_IN_FORCE = (State.PROTOCOL_ISSUED, State.OBJECTION_WINDOW, State.REMEDY)


def controls_panel(centre, year, user):
    """The follow-up controls selected for `year`, as `user` may see them (a planned control stays the
    agency's), newest first: each with its state, open recommendations and next deadline. One query."""
    controls = list(
        Control.objects.visible_to(user)
        .filter(centre=centre, year=year)
        .annotate(
            finding_count=Count("findings"),  # timers.next_deadline reads it instead of asking
            unfulfilled=Count("findings", filter=~Q(findings__fulfilled=True)),
        )
        .order_by("-pk")
    )
    today = timers.today()
    rows = [
        {
            "control": c,
            "open_recommendations": c.unfulfilled if c.state in RECOMMENDATIONS_IN_FORCE else 0,
            "deadline": timers.next_deadline(c, today) if c.is_open else None,
        }
        for c in controls
    ]
    next_step = ""
    if not rows:
        state = _("No follow-up control this year")
    else:
        latest, n = rows[0]["control"], rows[0]["open_recommendations"]
        shown = str(latest.get_state_display()).lower()
        if n:
            state = ngettext(
                "Follow-up control: %(state)s, %(n)s open recommendation",
                "Follow-up control: %(state)s, %(n)s open recommendations",
                n,
            ) % {"state": shown, "n": n}
        else:
            state = _("Follow-up control: %(state)s") % {"state": shown}
        # What the centre must do: report on the recommendations before the remedy deadline.
        if latest.state == State.REMEDY and "fulfil" in control_services.allowed_actions(latest, user, today):
            next_step = _("Report on the fulfilled recommendations of the follow-up control by %(date)s.") % {
                "date": latest.remedy_deadline.strftime("%d.%m.%Y")
            }
    return Panel(
        key="controls",
        title=_("Controls %(year)s") % {"year": year},
        template="year/panel_controls.html",
        # Every control listed is one the user may open (the case page answers 404 to the others).
        url=reverse("control:case", args=[rows[0]["control"].pk]) if rows else "",
        state=state,
        complete=False if next_step else None,
        next_step=next_step,
        context={"rows": rows},
    )


def centre_year(centre, year, user):
    report = report_state(centre, year, user)
    panels = panels_for(centre, year)
    if report.report is not None and not report.report.is_editable:
        for panel in panels:  # submitted: the activity information is locked with the report
            panel.next_step = ""
    panels.append(controls_panel(centre, year, user))
    steps = [s for s in [report.next_step] + [p.next_step for p in panels] if s]
    return {
        "centre": centre,
        "year": year,
        "report_state": report,
        "panels": panels,
        "steps": steps,
        "deadline_day": last_on_time_day(year, centre),
    }
