"""Benchmark: the public directory and a centre profile against a trivial view, same server, same run.

    .venv/bin/python bench/bench_public.py [--centres 1000] [--large 10000] [--seconds 12] [--rounds 6]
                                           [--workers 2] [--connections 8] [--redis redis://127.0.0.1:6379/4]
                                           [--database postgres://postgres@127.0.0.1:5432/wt_public_bench]

Builds a throwaway database (SQLite in a temp dir unless --database; ANALYZE after loading) with
--centres CPO centres, each with two approved reports, activity information for a third of them,
and serves it with gunicorn under production settings (DEBUG off) and the Redis cache (--redis;
"none" for each worker's local memory). The load comes from wrk, a separate process, in interleaved
rounds: /healthz (the base), the directory (a page of a filtered, sorted search) and a profile —
warm, i.e. after one request has filled the cache. Prints requests/s, the ratios to /healthz
(target ≥ 0.5× each) and the errors (target 0).

Then the directory's query count with a cold cache at --centres and at --large centres (target:
the same number). Exits 1 when a target is missed. Loopback only; the server is stopped at the end.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DIRECTORY = "/centres/?region=%D0%9F%D0%BB%D0%BE%D0%B2%D0%B4%D0%B8%D0%B2&sort=grade"
LOAD = """
import datetime as dt, random
from decimal import Decimal
from centres.models import Centre
from centres.regions import Region
from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA
from reports.models import Status
from activity.models import ActivityReport, Course, Profession
rng = random.Random(7)
start = Centre.objects.count()
regions = list(Region.values)
Centre.objects.bulk_create(
    Centre(licence_number=f"2{start + i:08d}", name=f"ЦПО „Бенчмарк {start + i}“ ЕООД", kind="CPO",
           region=regions[i % len(regions)], municipality=regions[i % len(regions)],
           licensed_on=dt.date(2015, 1, 1), email=f"office{start + i}@centre.example")
    for i in range(COUNT)
)
centres = list(Centre.objects.filter(pk__gt=Centre.objects.order_by("pk")[start - 1].pk if start else 0))
profession = Profession.objects.get_or_create(code="814010", defaults={"name": "Фризьор"})[0]
for year in (2023, 2024):
    framework = Framework.objects.for_report("CPO", year)
    criteria = list(framework.criteria.all())
    entries = [
        SubmittedEntry(c, dt.datetime(year + 1, 1, 20, tzinfo=SOFIA),
                       {k.code: k.max_points * Decimal(rng.choice(("1", "0.5", "0"))) for k in criteria},
                       status=Status.APPROVED)
        for c in centres
    ]
    for i in range(0, len(entries), 2000):
        create_submitted_reports(entries[i:i + 2000], year=year, framework=framework)
headers = ActivityReport.objects.bulk_create(
    ActivityReport(centre=c, year=2024, graduates_followed_up=20, graduates_employed=12, graduates_in_learning=2)
    for c in centres[::3]
)
Course.objects.bulk_create(
    Course(activity=h, profession=profession, kind="degree", degree=2, region=h.centre.region,
           start_date=dt.date(2024, 2, 1), end_date=dt.date(2024, 6, 1), hours=300, price=Decimal(500),
           funding="own", enrolled=20, certified=16)
    for h in headers
)
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
print("LICENCE=" + centres[0].licence_number)
"""
COUNT_QUERIES = """
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from public import records
import time
cache.clear(); records.forget()
started = time.perf_counter()
with CaptureQueriesContext(connection) as captured:
    response = Client().get(PATH)
elapsed = int((time.perf_counter() - started) * 1000)
assert response.status_code == 200, response.status_code
from centres.models import Centre
print(f"QUERIES={len(captured)} CENTRES={Centre.objects.count()} MS={elapsed}")
"""


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


def shell(env, code):
    return subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def wrk(port, path, seconds, connections):
    """(requests/s, requests, errors) from one wrk run: non-2xx answers and socket errors count as errors."""
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{max(1, round(seconds))}s",
            # A shared, busy machine: a request waiting 2 s (wrk's default) for a worker is slow, not lost.
            "--timeout",
            "10s",
            f"http://127.0.0.1:{port}{path}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors or bad:
        print(f"  {path}: {out.strip().splitlines()[-3:]}")
    return rate, total, errors + (int(bad.group(1)) if bad else 0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--centres", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10000)
    parser.add_argument("--seconds", type=float, default=12)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/4")
    parser.add_argument("--database", default="")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed (apt-get install wrk)")

    tmp = tempfile.mkdtemp(prefix="vq-bench-public-")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + os.urandom(8).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": args.database or f"sqlite:///{tmp}/bench.sqlite3",
        "DJANGO_SETTINGS_MODULE": "vetquality.settings",
    }
    if args.redis != "none":
        env["REDIS_URL"] = args.redis
    server = None
    results = {}
    try:
        if args.database:
            subprocess.run([PYTHON, "manage.py", "flush", "--noinput"], cwd=ROOT, env=env, check=False)
        subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        licence = re.search(r"LICENCE=(\S+)", shell(env, f"COUNT = {args.centres}\n" + LOAD)).group(1)
        queries_small = shell(env, f"PATH = {DIRECTORY!r}\n" + COUNT_QUERIES).strip()
        port = free_port()
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "vetquality.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers)]
            + ["--log-level", "warning"],
            cwd=ROOT,
            env=env,
        )
        wait_for(port)
        paths = {"base": "/healthz", "directory": DIRECTORY, "profile": f"/centres/{licence}/"}
        for path in paths.values():  # warm: the snapshot in each worker and the pages in the cache
            wrk(port, path, 2, args.connections)
        results = {kind: [0.0, 0, 0] for kind in paths}
        short = args.seconds / args.rounds
        kinds = list(paths)
        for round_number in range(args.rounds):
            # Each round starts with another kind: a burst of other work on the machine then falls
            # on every kind in turn rather than always on the first.
            shift = round_number % len(kinds)
            for kind in kinds[shift:] + kinds[:shift]:
                path = paths[kind]
                _rate, total, errors = wrk(port, path, short, args.connections)
                results[kind][0] += short
                results[kind][1] += total
                results[kind][2] += errors
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
        server = None
        shell(env, f"COUNT = {args.large - args.centres}\n" + LOAD)
        queries_large = shell(env, f"PATH = {DIRECTORY!r}\n" + COUNT_QUERIES).strip()
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)

    rates = {kind: total / elapsed for kind, (elapsed, total, _e) in results.items()}
    errors = sum(e for _t, _n, e in results.values())
    print(
        f"{args.rounds} interleaved rounds, wrk {args.connections} connections, {args.workers} gunicorn workers, "
        f"{args.centres} centres, cache {'Redis' if args.redis != 'none' else 'local memory'}"
    )
    print(f"{'/healthz':<12}{rates['base']:9.1f} requests/s  ({results['base'][2]} errors)")
    missed = bool(errors)
    for kind in ("directory", "profile"):
        ratio = rates[kind] / rates["base"] if rates["base"] else 0
        missed = missed or ratio < 0.5
        print(
            f"{kind:<12}{rates[kind]:9.1f} requests/s  {ratio:5.2f}× of /healthz  target ≥ 0.5× (warm)"
            f"  ({results[kind][2]} errors)"
        )
    print(f"errors: {errors} (target 0)")
    small = dict(re.findall(r"(\w+)=(\d+)", queries_small))
    large = dict(re.findall(r"(\w+)=(\d+)", queries_large))
    print(
        f"directory queries, cold cache: {small['QUERIES']} at {small['CENTRES']} centres, "
        f"{large['QUERIES']} at {large['CENTRES']} centres (target: the same)"
    )
    missed = missed or small["QUERIES"] != large["QUERIES"]
    if missed:
        print("TARGET MISSED")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
