"""The demo centres' latest year walked through the review workflow, once their activity information exists.

Runs after activity.demo (see SEEDERS): submitting needs the year's activity information.

- director2: last year's report submitted on time, returned for correction with notes;
- director3: last year's report submitted late, returned for its trainers' figures, submitted again with the
  activity information corrected (version 2's diff shows it), assigned to the expert, awaiting review;
- a centre of the bulk demo: last year's report approved with a comment, and others assigned to the expert;
- the CIPO (cipo): this year's deadline extended by the agency admin, with a reason.
"""

import datetime as dt

from accounts.models import Role, User
from frameworks.derived import derived_levels
from reports import services
from reports.deadlines import SOFIA, last_on_time_day
from reports.models import Report, Status


def _acknowledge_derived(report, actor):
    """Give a reason wherever the centre's choice differs from what its data supports."""
    derived = derived_levels(report.framework, report.centre, report.year)
    answers = {}
    for answer in report.answers.select_related("criterion"):
        level = derived.get(answer.criterion.code)
        if level is not None and answer.points is not None and answer.points != level.points:
            answers[answer.criterion.code] = {
                "points": answer.points,
                "comment": answer.comment,
                "disagreement_reason": "Данните за годината са непълни; оценката е по вътрешни документи на центъра.",
            }
    if answers:
        report.refresh_from_db()
        services.save_draft(report, actor=actor, lock_version=report.lock_version, answers=answers)


def _corrected_activity(report, director, expert, *, now):
    """Returned for its trainers' figures and submitted again with them corrected: the review of version 2
    shows the change in the activity information beside the report's (reports.snapshots)."""
    from activity.services import activity_for, replace_all

    services.return_report(
        report,
        actor=expert,
        comment="Броят на преподавателите не съвпада с приложения списък; коригирайте информацията за дейността.",
    )
    activity = activity_for(report.centre, report.year)
    replace_all(
        actor=director,
        centre=report.centre,
        year=report.year,
        header={"trainers_total": (activity.trainers_total or 0) + 2},
        rows={},
        source="form",
    )
    report.refresh_from_db()
    _acknowledge_derived(report, director)
    report.refresh_from_db()
    services.submit_report(report, actor=director, declared=True, now=now)


def seed(ctx):
    centres = ctx.data.get("demo_centres")
    if not centres:
        return
    users = {u.username: u for u in User.objects.filter(username__in=["director2", "director3"])}
    expert = User.objects.filter(role=Role.EXPERT).order_by("pk").first()
    last = ctx.years[-1]
    _first_cpo, second_cpo, third_cpo, cipo = centres

    report = Report.objects.get(centre=second_cpo, year=last)
    _acknowledge_derived(report, users["director2"])
    services.submit_report(
        report, actor=users["director2"], declared=True, now=dt.datetime(last + 1, 1, 25, 14, 30, tzinfo=SOFIA)
    )
    report.refresh_from_db()
    services.return_report(
        report,
        actor=expert,
        comment="Моля, обосновете оценката по критерий 2.10 с конкретните проекти и допълнете раздел 7.",
        notes={"2.10": "Не са посочени проектите, в които центърът е участвал."},
    )

    report = Report.objects.get(centre=third_cpo, year=last)
    _acknowledge_derived(report, users["director3"])
    services.submit_report(
        report, actor=users["director3"], declared=True, now=dt.datetime(last + 1, 2, 9, 11, 5, tzinfo=SOFIA)
    )
    _corrected_activity(report, users["director3"], expert, now=dt.datetime(last + 1, 2, 16, 9, 40, tzinfo=SOFIA))
    services.assign_report(report, actor=expert, expert=expert)

    admin = User.objects.filter(role=Role.ADMIN).order_by("pk").first()
    waiting = list(
        Report.objects.filter(year=last, status=Status.SUBMITTED)
        .exclude(centre__in=centres)
        .order_by("centre__licence_number")[:4]
    )
    if waiting:
        approved = waiting[0]
        services.approve_report(
            approved,
            actor=expert,
            comment=(
                "Добре обоснован доклад. При следващата самооценка добавете данни "
                "за удовлетвореността на работодателите."
            ),
        )
        for other in waiting[1:]:
            services.assign_report(other, actor=admin or expert, expert=expert)
    if admin is not None:
        services.grant_extension(
            cipo,
            ctx.current_year,
            actor=admin,
            last_day=last_on_time_day(ctx.current_year) + dt.timedelta(days=14),
            reason="Смяна на ръководството на центъра; поискано с писмо от директора.",
        )
    ctx.progress("demo centres' review workflow", 1, 1)
