"""Benchmark: the survey pages at national scale — the campaign list, a campaign's results, the
national results — each against /healthz through the same stack.

    .venv/bin/python bench/bench_surveys.py --db sqlite|postgres [--campaigns 600] [--responses 400]
        [--invitations 200] [--quick]

Loads --campaigns personal-link campaigns at many centres, each with --invitations invitations
and --responses responses of five Likert answers (600 × 400 × 5 = 1.2M answers), ANALYZE, then
interleaved rounds, in this process through Django's test client (production settings, DEBUG off,
the whole middleware and template stack, no network):

- /surveys/ as the agency (the list's first page, with its counts): < 200 ms;
- one campaign's results page (its distributions and charts): < 200 ms;
- the national results of the questionnaire and year (every answer): < 1 s.

The rounds find the charts and per-campaign tallies of unchanged data kept (the steady state:
answers arrive at a few campaigns at a time); the first views after loading, with nothing kept,
are reported beside them without a target. Leaves out: the network and gunicorn
(bench_survey_form.py measures those).
"""

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

CODES = ("training", "trainers", "materials", "organisation", "admin_service")
YEAR = 2025


def load(n_campaigns, n_responses, n_invitations):
    from accounts.models import Role, User
    from centres.models import Centre
    from surveys.models import Answer, Campaign, Invitation, Questionnaire, Response

    rng = random.Random(3)
    regions = ["Пловдив", "Варна", "Бургас", "Русе", "София (столица)"]
    Centre.objects.bulk_create(
        Centre(
            licence_number=f"2009{i:05d}",
            name=f"ЦПО „Анкета {i}“",
            kind="CPO",
            region=regions[i % len(regions)],
            licensed_on=dt.date(2015, 1, 1),
        )
        for i in range(max(1, n_campaigns // 3))
    )
    centres = list(Centre.objects.order_by("id"))
    version = Questionnaire.objects.get(code="trainee").current_version()
    version.frozen = True
    version.save(update_fields=["frozen"])
    questions = {q.code: q for q in version.questions.all()}
    Campaign.objects.bulk_create(
        Campaign(
            centre=centres[i % len(centres)],
            version=version,
            label=f"Курсисти {i}",
            year=YEAR,
            opens_on=dt.date(YEAR, 1, 1) + dt.timedelta(days=i % 300),
            closes_on=dt.date(YEAR, 12, 31),
            mode="personal",
            open_token=f"bench-{i:06d}",
        )
        for i in range(n_campaigns)
    )
    campaigns = list(Campaign.objects.order_by("id"))
    for start in range(0, len(campaigns), 50):
        chunk = campaigns[start : start + 50]
        Invitation.objects.bulk_create(
            (
                Invitation(campaign=c, email=f"p{c.pk}-{n}@example.bg", token=f"i{c.pk}-{n}")
                for c in chunk
                for n in range(n_invitations)
            ),
            batch_size=5000,
        )
        responses = Response.objects.bulk_create(
            (Response(campaign=c, channel="personal") for c in chunk for _ in range(n_responses)), batch_size=5000
        )
        if responses and responses[0].pk is None:
            responses = list(Response.objects.filter(campaign__in=chunk).order_by("id"))
        Answer.objects.bulk_create(
            (
                Answer(response=r, question=questions[code], question_code=code, value=str(v), number=v)
                for r in responses
                for code in CODES
                for v in (rng.choice((2, 3, 4, 4, 5, 5)),)
            ),
            batch_size=5000,
        )
    User.objects.create_user("bench-agency", password="x" * 12, role=Role.ADMIN)
    return campaigns


def main():
    args = harness.arguments(__doc__.splitlines()[0], campaigns=(600, 30), responses=(400, 40), invitations=(200, 20))
    environment = harness.Environment(args.db)
    try:
        environment.django()
        start = time.perf_counter()
        campaigns = load(args.campaigns, args.responses, args.invitations)
        print(f"   loaded in {time.perf_counter() - start:.0f} s")
        harness.analyze()
        from django.conf import settings
        from django.test import Client

        from accounts.models import User

        client = Client()
        # A real agency session past the second factor: production settings require it (a plain
        # force_login would be sent to the MFA page).
        client.cookies[settings.SESSION_COOKIE_NAME] = harness.agency_session(User.objects.get(username="bench-agency"))
        one = campaigns[len(campaigns) // 2]

        def get(url):
            def fetch():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            return fetch

        # The first views after loading: nothing kept yet (every chart drawn, every tally counted).
        cold = {}
        for name, url in (
            ("results", f"/surveys/campaigns/{one.pk}/results/"),
            ("national", f"/surveys/national/?questionnaire=trainee&year={YEAR}"),
        ):
            start = time.perf_counter()
            get(url)()
            cold[name] = time.perf_counter() - start
        times = harness.interleaved(
            {
                "healthz": get("/healthz"),
                "list": get("/surveys/"),
                "results": get(f"/surveys/campaigns/{one.pk}/results/"),
                "national": get(f"/surveys/national/?questionnaire=trainee&year={YEAR}"),
            },
            args.rounds,
        )
        scale = f"{args.campaigns} campaigns × {args.responses} responses × {args.invitations} invitations"
        results = [
            harness.timed_result("survey campaign list (agency)", args.db, scale, times["list"], limit_ms=200),
            harness.timed_result("one campaign's results page", args.db, scale, times["results"], limit_ms=200),
            harness.timed_result("national survey results", args.db, scale, times["national"], limit_ms=1000),
            harness.timed_result("/healthz (reference)", args.db, scale, times["healthz"], limit_ms=1000),
            harness.info_result("campaign results, first view (cold)", args.db, scale, cold["results"] * 1000, "ms"),
            harness.info_result("national results, first view (cold)", args.db, scale, cold["national"] * 1000, "ms"),
        ]
        print(f"== survey pages ({environment.describe()}, {args.rounds} interleaved rounds, test client)")
        return harness.report(args, results)
    finally:
        environment.close()


if __name__ == "__main__":
    sys.exit(main())
