"""Benchmark: the follow-up control risk ranking against one bare SQL pass, and the ranking page.

    .venv/bin/python bench/bench_control_risk.py [--centres 1000] [--years 10] [--rounds 7]

Uses a throwaway SQLite database unless DATABASE_URL is set (then that database, which it
migrates and fills: give it one of its own). Loads centres × years of submitted reports,
activity information, survey answers and past controls, runs ANALYZE, then:

1. in this process, interleaved rounds of (a) one bare SQL pass reading the same rows the
   ranking reads and (b) control.risk.ranking_for_year (the facts and the scoring): the ratio
   of the medians, target ≤ 3×;
2. the ranking page (/control/ranking/?year=Y) served by gunicorn with production settings,
   fetched over HTTP from this process: the median time, target < 500 ms.

Prints the figures and exits 1 on a missed target.
"""

import argparse
import datetime as dt
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LAST_YEAR = 2024
RATIO_TARGET = 3.0
PAGE_TARGET = 0.5


def environment(database_url):
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + os.urandom(8).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "vetquality.settings",
    }


# ---------------------------------------------------------------- loading (runs inside Django)
def load(centres, years):
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection

    from activity.models import ActivityReport
    from centres.models import Centre, CentreKind
    from control.models import Control, ControlKind, ControlType, Finding, RiskModel, State
    from frameworks.models import Framework
    from reports.bulk import SubmittedEntry, create_submitted_reports
    from reports.deadlines import SOFIA
    from reports.models import Answer

    rng = random.Random(12)
    regions = ["Пловдив", "Варна", "Бургас", "Русе", "София (столица)"]
    rows = Centre.objects.bulk_create(
        Centre(
            kind=CentreKind.CPO if n % 25 else CentreKind.CIPO,
            licence_number=f"8{n:08d}",
            name=f"Център {n}",
            region=regions[n % len(regions)],
            licensed_on=dt.date(rng.randint(2005, 2023), 3, 1),
        )
        for n in range(centres)
    )
    first_year = LAST_YEAR - years + 1
    for year in range(first_year, LAST_YEAR + 1):
        for kind in (CentreKind.CPO, CentreKind.CIPO):
            framework = Framework.objects.get(code="CPO-2018" if kind == CentreKind.CPO else "CIPO-2022")
            levels = {
                c.code: [lv.points for lv in c.levels.all()] for c in framework.criteria.prefetch_related("levels")
            }
            entries = [
                SubmittedEntry(
                    centre=c,
                    submitted_at=dt.datetime(year + 1, rng.choice([1, 1, 1, 2, 3]), rng.randint(1, 28), tzinfo=SOFIA),
                    points={code: rng.choice(points) for code, points in levels.items()},
                )
                for c in rows
                if c.kind == kind and rng.random() < 0.93  # some reports missing
            ]
            create_submitted_reports(entries, year=year, framework=framework, actor=None)
        ActivityReport.objects.bulk_create(
            ActivityReport(
                centre=c,
                year=year,
                graduates_followed_up=(followed := rng.randint(0, 80)),
                graduates_employed=rng.randint(0, followed),
                graduates_in_learning=0,
            )
            for c in rows
            if c.kind == CentreKind.CPO
        )
    # Some centres keep levels their data does not support (with a reason, as submission requires).
    chosen = list(Answer.objects.filter(report__year=LAST_YEAR).values_list("pk", flat=True)[::37])
    Answer.objects.filter(pk__in=chosen).update(disagreement_reason="Данните са непълни.")
    expert = get_user_model().objects.create_user(
        "bench-expert", role="expert", password="unused-" + os.urandom(6).hex()
    )
    model = RiskModel.objects.for_year(LAST_YEAR)
    controls = Control.objects.bulk_create(
        Control(
            centre=c,
            year=rng.randint(first_year, LAST_YEAR - 1),
            state=State.CLOSED,
            kind=ControlKind.PERIODIC,
            type=ControlType.COMPLEX,
            risk_model=model,
            ordered_on=dt.date(rng.randint(first_year, LAST_YEAR - 1), 5, 1),
            check_ended_on=None,
        )
        for c in rng.sample(rows, len(rows) // 5)
    )
    Finding.objects.bulk_create(
        Finding(
            control=control,
            klass=rng.choice(["irregularity", "violation", "substantial"]),
            text="Констатация",
            recommendation="Препоръка",
            deadline=control.ordered_on + dt.timedelta(days=60),
            fulfilled=rng.choice([True, True, False, None]),
        )
        for control in controls
        for _ in range(rng.randint(0, 3))
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    session = SessionStore()
    session["_auth_user_id"] = str(expert.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = expert.get_session_auth_hash()
    session.create()
    print(f"SESSION={session.session_key}")


# ---------------------------------------------------------------- measuring (runs inside Django)
def bare_pass(cursor, year):
    """The rows the ranking reads, read by hand-written SQL: one statement per source."""
    end = dt.date(year, 12, 31)
    statements = [
        (
            "SELECT id, licence_number, name, kind, region, licensed_on FROM centres_centre "
            "WHERE licensed_on <= %s AND (licence_revoked_on IS NULL OR licence_revoked_on > %s) "
            "ORDER BY licence_number",
            [end, end],
        ),
        (
            "SELECT r.centre_id, s.submitted_at FROM reports_submission s JOIN reports_report r "
            "ON r.id = s.report_id WHERE r.year = %s AND s.number = 1",
            [year],
        ),
        (
            "SELECT r.centre_id, r.year, r.status, r.last_submission_id, s.zero_value, s.total, f.total_points, "
            "f.scoring FROM reports_report r LEFT JOIN reports_submission s ON s.id = r.last_submission_id "
            "JOIN frameworks_framework f ON f.id = r.framework_id WHERE r.year IN (%s, %s)",
            [year, year - 1],
        ),
        (
            "SELECT r.centre_id, COUNT(a.id) FROM reports_answer a JOIN reports_report r ON r.id = a.report_id "
            "WHERE r.year = %s AND r.last_submission_id IS NOT NULL AND a.disagreement_reason <> '' "
            "GROUP BY r.centre_id",
            [year],
        ),
        (
            "SELECT c.centre_id, COUNT(x.id) FROM surveys_response x JOIN surveys_campaign c ON c.id = x.campaign_id "
            "WHERE c.year = %s GROUP BY c.centre_id",
            [year],
        ),
        (
            "SELECT c.centre_id, COUNT(i.id) FROM surveys_invitation i JOIN surveys_campaign c "
            "ON c.id = i.campaign_id WHERE c.year = %s GROUP BY c.centre_id",
            [year],
        ),
        (
            "SELECT c.centre_id, COUNT(a.id) FROM surveys_answer a JOIN surveys_response x ON x.id = a.response_id "
            "JOIN surveys_campaign c ON c.id = x.campaign_id WHERE c.year = %s AND a.number IS NOT NULL "
            "GROUP BY c.centre_id",
            [year],
        ),
        (
            "SELECT centre_id, graduates_followed_up, graduates_employed, graduates_in_learning "
            "FROM activity_activityreport WHERE year = %s",
            [year],
        ),
        (
            "SELECT id, centre_id, ordered_on, check_ended_on FROM control_control "
            "WHERE state NOT IN ('planned', 'cancelled') AND ordered_on <= %s",
            [end],
        ),
        ("SELECT control_id, klass, fulfilled FROM control_finding", []),
    ]
    for sql, params in statements:
        cursor.execute(sql, params)
        cursor.fetchall()


def measure(rounds):
    from django.db import connection

    from control import risk

    year = LAST_YEAR
    _model, ranking = risk.ranking_for_year(year)  # warm-up
    bare, ranked, bare_cpu, ranked_cpu = [], [], [], []
    with connection.cursor() as cursor:
        bare_pass(cursor, year)
        for _ in range(rounds):
            # Interleaved: a drift in the machine's speed touches both alike. CPU time is
            # printed beside wall time: on a shared machine it shows the work, not the waiting.
            start, cpu = time.perf_counter(), time.process_time()
            bare_pass(cursor, year)
            bare.append(time.perf_counter() - start)
            bare_cpu.append(time.process_time() - cpu)
            start, cpu = time.perf_counter(), time.process_time()
            risk.ranking_for_year(year)
            ranked.append(time.perf_counter() - start)
            ranked_cpu.append(time.process_time() - cpu)
    print(f"CENTRES={len(ranking)}")
    print(f"BARE={statistics.median(bare)}")
    print(f"RANKING={statistics.median(ranked)}")
    print(f"BARE_CPU={statistics.median(bare_cpu)}")
    print(f"RANKING_CPU={statistics.median(ranked_cpu)}")


# ---------------------------------------------------------------- the driver
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, deadline=60):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def values(output):
    found = {}
    for line in output.splitlines():
        if "=" in line and line.split("=", 1)[0].isupper():
            key, value = line.split("=", 1)
            found[key] = value.strip()
    return found


def page_times(port, session, rounds):
    times = []
    path = f"/control/ranking/?year={LAST_YEAR}"
    for i in range(rounds + 1):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        start = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": f"sessionid={session}", "Host": "127.0.0.1"})
        response = conn.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - start
        conn.close()
        if response.status != 200:
            raise SystemExit(f"ranking page answered {response.status}: {body[:300]!r}")
        if i:  # the first request warms the worker up
            times.append(elapsed)
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--centres", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--step", choices=["load", "measure"], help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.step:
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        if args.step == "load":
            load(args.centres, args.years)
        else:
            measure(args.rounds)
        return 0

    tmp = tempfile.mkdtemp(prefix="vq-bench-control-")
    env = environment(os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite3")
    me = [PYTHON, str(Path(__file__).resolve())]
    subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    start = time.perf_counter()
    loaded = subprocess.run(
        [*me, "--step", "load", "--centres", str(args.centres), "--years", str(args.years)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    session = values(loaded.stdout)["SESSION"]
    print(f"loaded {args.centres} centres × {args.years} years in {time.perf_counter() - start:.1f} s")
    measured = values(
        subprocess.run(
            [*me, "--step", "measure", "--rounds", str(args.rounds)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    t_bare, t_rank = float(measured["BARE"]), float(measured["RANKING"])
    ratio = t_rank / t_bare
    port = free_port()
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "vetquality.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(port)
        page = statistics.median(page_times(port, session, args.rounds))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)

    print(f"centres ranked:                 {measured['CENTRES']}")
    print(f"bare SQL pass (median):         {t_bare * 1000:8.1f} ms")
    print(f"risk ranking (median):          {t_rank * 1000:8.1f} ms")
    print(f"ratio:                          {ratio:8.2f}×  (target ≤ {RATIO_TARGET:g}×)")
    cpu_bare, cpu_rank = float(measured["BARE_CPU"]), float(measured["RANKING_CPU"])
    print(
        f"  the same in CPU time:         {cpu_bare * 1000:8.1f} ms bare, {cpu_rank * 1000:.1f} ms ranking, "
        f"{cpu_rank / cpu_bare:.2f}×"
    )
    print(f"ranking page over HTTP (median):{page * 1000:8.1f} ms  (target < {PAGE_TARGET * 1000:g} ms)")
    missed = [name for name, ok in (("ratio", ratio <= RATIO_TARGET), ("page", page < PAGE_TARGET)) if not ok]
    if missed:
        print("TARGET MISSED: " + ", ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
