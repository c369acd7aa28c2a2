"""The demo users' own centres, walked through the real services so every state can be tried:

- the first CPO (director / editor / viewer): history approved, this year's draft half filled in;
- the second CPO (director2): last year's report filled in (returned for correction later);
- the third CPO (director3): last year's report filled in (submitted late later);
- the CIPO (cipo): history approved, this year's draft opened.

Submitting needs the year's activity information, which activity.demo seeds after this
(matching the levels chosen here), so the submissions, returns and approvals are walked
in reports.demo_workflow, which runs after activity.demo.
"""

from accounts.models import User
from frameworks.models import Framework
from reports import services
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.demo import _cpo_points, _submitted_at, _texts
from reports.models import Status


def _history(ctx, centre, years):
    for year in years:
        framework = Framework.objects.for_report(centre.kind, year)
        if framework is None:
            continue
        if framework.is_scored:
            criteria = list(framework.criteria.select_related("area").prefetch_related("levels"))
            points = _cpo_points(ctx.rng, criteria, 0.6, year)
        else:
            points = dict.fromkeys(framework.criteria.values_list("code", flat=True), 1)
        create_submitted_reports(
            [
                SubmittedEntry(
                    centre,
                    _submitted_at(ctx.rng, year, late=False),
                    points,
                    _texts(ctx.rng, centre, year),
                    Status.APPROVED,
                )
            ],
            year=year,
            framework=framework,
            action="demo",
        )


def _fill(ctx, report, actor, share=1.0):
    """Answer `share` of the criteria and every text section, through save_draft."""
    criteria = list(report.framework.criteria.select_related("area").prefetch_related("levels"))
    if report.framework.is_scored:
        chosen = _cpo_points(ctx.rng, criteria, 0.5, report.year)
    else:
        chosen = {c.code: 1 for c in criteria}
    keep = criteria[: max(1, int(len(criteria) * share))]
    answers = {c.code: {"points": chosen[c.code], "comment": "", "disagreement_reason": ""} for c in keep}
    texts = _texts(ctx.rng, report.centre, report.year)
    if share < 1:
        texts = {k: v for k, v in texts.items() if k in ("1", "2")}
    report.refresh_from_db()
    return services.save_draft(report, actor=actor, lock_version=report.lock_version, texts=texts, answers=answers)


def seed(ctx, years):
    centres = ctx.data["demo_centres"]
    users = {u.username: u for u in User.objects.filter(username__in=["director", "director2", "director3", "cipo"])}
    last, current = years[-1], ctx.current_year
    first_cpo, second_cpo, third_cpo, cipo = centres

    _history(ctx, first_cpo, years)
    report = services.open_report(first_cpo, current, actor=users["director"])
    _fill(ctx, report, users["director"], share=0.5)

    _history(ctx, second_cpo, years[:-1])
    _fill(ctx, services.open_report(second_cpo, last, actor=users["director2"]), users["director2"])

    _history(ctx, third_cpo, years[:-1])
    _fill(ctx, services.open_report(third_cpo, last, actor=users["director3"]), users["director3"])

    _history(ctx, cipo, years)
    services.open_report(cipo, current, actor=users["cipo"])
    ctx.progress("demo centres' reports", 4, 4)
