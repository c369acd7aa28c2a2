"""Benchmark: the analysis dashboard warm and cold, and the analysis DOCX and PDF, over HTTP at scale.

    .venv/bin/python bench/bench_dashboard.py --db sqlite|postgres [--centres 1000] [--years 10] [--quick]

Loads centres × years of submitted reports (with review notes and good-practice texts), ANALYZE,
then serves the app with gunicorn under production settings (DEBUG off, Redis as cache and
sessions when reachable; one worker: the requests come one at a time) and fetches over HTTP from
this process, as an agency expert logged in with a confirmed authenticator and the second factor
passed, so every request takes the real path: gunicorn, the whole middleware stack (sessions,
MFA, CSP), the view. Interleaved rounds of four requests (issue 14, items 7–8):

- the dashboard /analysis/<year>/ cold: the chart cache and the cached page body emptied just
  before (as after a data change, which changes their keys): target < 1.5 s;
- the dashboard warm (charts and body from the cache): target < 300 ms;
- the analysis DOCX and PDF downloads of that year (charts from the cache, as after the job that
  draws them after a data change — analysis.predraw, run untimed after each cold round): target
  < 3 s each.

The cold dashboard needs the shared cache: without Redis the cache lives inside the gunicorn
worker, this process cannot empty it, and the cold row says "not measured" (a miss).
Leaves out: regional dashboards, several users at once, TLS and a reverse proxy.
"""

import datetime as dt
import http.client
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

LAST_YEAR = 2024
WARM_MS, COLD_S, DOCUMENT_S = 300, 1.5, 3
# The analysis app's cache entries: the charts (chart_cache.key_of) and the page body (views.dashboard).
ANALYSIS_KEYS = ("analysis-chart:*", "analysis-dashboard:*")
COLD_ROW = "analysis dashboard, cold (HTTP)"


def load(centres_n, years_n):
    from django.contrib.auth import get_user_model

    from centres.models import Centre, CentreKind
    from frameworks.models import Framework
    from reports.bulk import SubmittedEntry, create_submitted_reports
    from reports.deadlines import SOFIA
    from reports.models import Report, ReviewNote

    rng = random.Random(7)
    regions = ["Пловдив", "Варна", "Бургас", "Русе", "София (столица)"]
    centres = Centre.objects.bulk_create(
        Centre(
            kind=CentreKind.CPO if n % 25 else CentreKind.CIPO,
            licence_number=f"9{n:08d}",
            name=f"Център {n}",
            region=regions[n % len(regions)],
            licensed_on=dt.date(2010, 1, 1),
        )
        for n in range(centres_n)
    )
    practices = ["Участие в браншови семинари.", "участие в браншови семинари", "Партньорство с работодатели.", ""]
    for year in range(LAST_YEAR - years_n + 1, LAST_YEAR + 1):
        for kind, code in ((CentreKind.CPO, "CPO-2018"), (CentreKind.CIPO, "CIPO-2022")):
            framework = Framework.objects.get(code=code)
            levels = {
                c.code: [lv.points for lv in c.levels.all()] for c in framework.criteria.prefetch_related("levels")
            }
            entries = [
                SubmittedEntry(
                    centre=c,
                    submitted_at=dt.datetime(year + 1, rng.choice([1, 1, 1, 2]), rng.randint(1, 28), 12, tzinfo=SOFIA),
                    points={k: rng.choice(v) for k, v in levels.items()},
                    texts={"6": rng.choice(practices)},
                )
                for c in centres
                if c.kind == kind
            ]
            create_submitted_reports(entries, year=year, framework=framework, actor=None)
    reports = list(Report.objects.filter(year=LAST_YEAR).select_related("last_submission")[:200])
    ReviewNote.objects.bulk_create(
        ReviewNote(
            report=r, submission=r.last_submission, text=rng.choice(["Липсват доказателства.", "Непълни данни."])
        )
        for r in reports
    )
    return get_user_model().objects.create_user("bench-expert", role="expert", password="unused-" + os.urandom(6).hex())


def forget_analysis_cache():
    """Empty the charts and the page body in the shared Redis cache; returns how many entries went.

    Only these: the session (cached_db) and the other entries stay, as they do after a data change."""
    import redis
    from django.core.cache import cache

    client = redis.Redis.from_url(harness.REDIS_URL)
    keys = [key for pattern in ANALYSIS_KEYS for key in client.scan_iter(match=cache.make_key(pattern), count=1000)]
    if keys:
        client.delete(*keys)
    return len(keys)


def fetcher(server, session, path, content_type):
    """A function that GETs `path` as the logged-in expert and checks it answered what a person gets."""
    from django.conf import settings

    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}", "Host": "127.0.0.1"}

    def get():
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
        finally:
            conn.close()
        if response.status != 200 or not (response.getheader("Content-Type") or "").startswith(content_type):
            raise SystemExit(
                f"{path} answered {response.status} {response.getheader('Content-Type')} "
                f"(location {response.getheader('Location')}): {body[:300]!r}"
            )

    return get


def main():
    args = harness.arguments(__doc__.splitlines()[0], centres=(1000, 100), years=(10, 3))
    environment = harness.Environment(args.db)
    server = None
    try:
        environment.django()
        start = time.perf_counter()
        expert = load(args.centres, args.years)
        harness.analyze()
        print(f"   loaded in {time.perf_counter() - start:.0f} s")
        session = harness.agency_session(expert)
        server = harness.Server(environment, workers=1)
        page = f"/analysis/{LAST_YEAR}/"
        dashboard = fetcher(server, session, page, "text/html")
        forgotten = []

        from analysis.predraw import predraw

        def cold():
            forgotten.append(forget_analysis_cache())
            start = time.perf_counter()
            dashboard()
            measured = time.perf_counter() - start
            # After a data change the job queue draws the charts in both formats (analysis.predraw): run
            # that job here, untimed, as the worker would, so the documents find what they would find.
            predraw(LAST_YEAR)
            return measured

        paths = {
            "warm": dashboard,
            "docx": fetcher(server, session, f"{page}analysis.docx", "application/vnd.openxmlformats"),
            "pdf": fetcher(server, session, f"{page}analysis.pdf", "application/pdf"),
        }
        if environment.redis:
            # First in the warm-up round, so the warm dashboard and the documents after it find the charts.
            paths = {"cold": cold, **paths}
        times = harness.interleaved(paths, args.rounds)
    finally:
        if server is not None:
            server.stop()
        environment.close()

    scale = f"{args.centres} centres × {args.years} years"
    results = []
    if environment.redis:
        emptied = forgotten[1:]  # the first is the warm-up's, before anything was cached
        if not all(emptied):
            raise SystemExit(f"a cold round found no analysis entries to empty in the cache: {emptied}")
        cold_row = harness.timed_result(COLD_ROW, args.db, scale, times["cold"], limit_s=COLD_S)
        cold_row.note = f"{harness.median(emptied):.0f} cache entries emptied before each"
    else:
        cold_row = harness.Result(
            COLD_ROW,
            args.db,
            scale,
            0.0,
            (0.0, 0.0),
            "s",
            f"< {COLD_S} s",
            False,
            note="not measured: needs Redis to empty the server's chart cache",
        )
    results += [
        cold_row,
        harness.timed_result("analysis dashboard, warm (HTTP)", args.db, scale, times["warm"], limit_ms=WARM_MS),
        harness.timed_result("analysis DOCX download (HTTP)", args.db, scale, times["docx"], limit_s=DOCUMENT_S),
        harness.timed_result("analysis PDF download (HTTP)", args.db, scale, times["pdf"], limit_s=DOCUMENT_S),
    ]
    print(f"== dashboard ({environment.describe()}, {args.rounds} interleaved rounds, gunicorn over HTTP)")
    return harness.report(args, results)


if __name__ == "__main__":
    sys.exit(main())
