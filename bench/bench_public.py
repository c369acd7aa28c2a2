"""Benchmark: the public directory and a centre profile against /healthz, same server, same run.

    .venv/bin/python bench/bench_public.py --db sqlite|postgres [--centres 1000] [--large 10000]
                                           [--seconds 12] [--workers 2] [--connections 8] [--quick]

Loads --centres CPO centres, each with two approved reports, activity information for a third of
them, ANALYZE, and serves it with gunicorn under production settings (DEBUG off, Redis as cache
when reachable). The load comes from wrk in its own process, pinned to another CPU, in interleaved
rounds: /healthz (the base), the directory (a page of a filtered, sorted search) and a profile —
warm, i.e. after a warm-up has filled the cache. Targets: each ≥ 0.5× /healthz, 0 errors.

Then the directory's query count with a cold cache, through the test client in this process, at
--centres and, after loading more, at --large centres: target the same number.
Leaves out: the compare page, open data and the national pages; cold throughput.
"""

import datetime as dt
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

TARGET = 0.5
DIRECTORY = "/centres/?region=%D0%9F%D0%BB%D0%BE%D0%B2%D0%B4%D0%B8%D0%B2&sort=grade"


def load(count):
    """`count` more centres (on top of those there), two approved reports each, activity for a third."""
    from activity.models import ActivityReport, Course, Profession
    from centres.models import Centre
    from centres.regions import Region
    from frameworks.models import Framework
    from reports.bulk import SubmittedEntry, create_submitted_reports
    from reports.deadlines import SOFIA
    from reports.models import Status

    rng = random.Random(7)
    start = Centre.objects.count()
    regions = list(Region.values)
    Centre.objects.bulk_create(
        Centre(
            licence_number=f"2{start + i:08d}",
            name=f"ЦПО „Бенчмарк {start + i}“ ЕООД",
            kind="CPO",
            region=regions[i % len(regions)],
            municipality=regions[i % len(regions)],
            licensed_on=dt.date(2015, 1, 1),
            email=f"office{start + i}@centre.example",
        )
        for i in range(count)
    )
    centres = list(Centre.objects.filter(pk__gt=Centre.objects.order_by("pk")[start - 1].pk if start else 0))
    profession = Profession.objects.get_or_create(code="814010", defaults={"name": "Фризьор"})[0]
    for year in (2023, 2024):
        framework = Framework.objects.for_report("CPO", year)
        criteria = list(framework.criteria.all())
        entries = [
            SubmittedEntry(
                c,
                dt.datetime(year + 1, 1, 20, tzinfo=SOFIA),
                {k.code: k.max_points * Decimal(rng.choice(("1", "0.5", "0"))) for k in criteria},
                status=Status.APPROVED,
            )
            for c in centres
        ]
        for i in range(0, len(entries), 2000):
            create_submitted_reports(entries[i : i + 2000], year=year, framework=framework)
    headers = ActivityReport.objects.bulk_create(
        ActivityReport(centre=c, year=2024, graduates_followed_up=20, graduates_employed=12, graduates_in_learning=2)
        for c in centres[::3]
    )
    Course.objects.bulk_create(
        Course(
            activity=h,
            profession=profession,
            kind="degree",
            degree=2,
            region=h.centre.region,
            start_date=dt.date(2024, 2, 1),
            end_date=dt.date(2024, 6, 1),
            hours=300,
            price=Decimal(500),
            funding="own",
            enrolled=20,
            certified=16,
        )
        for h in headers
    )
    harness.analyze()
    return centres[0].licence_number


def directory_queries():
    """(queries, centres) of one directory request with every cache emptied (shared and this process's)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from centres.models import Centre
    from public import cache as public_cache
    from public import records

    cache.clear()
    records.forget()
    public_cache.forget_local()
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(DIRECTORY)
    if response.status_code != 200:
        raise SystemExit(f"the directory answered {response.status_code}")
    return len(captured), Centre.objects.count()


def warm(server, paths, args):
    """One wrk run per path before the rounds (harness.Server has waited for /healthz): it fills the
    snapshot in each worker and the pages in the cache, so the rounds measure the warm state."""
    for path in paths.values():
        if not harness.wrk(server.url + path, "", 1 if args.quick else 2, args.connections)["requests"]:
            raise SystemExit(f"{path}: no request served in the warm-up run")


def throughput(environment, args, licence):
    """{kind: [requests/s per round]} and {kind: errors} from interleaved wrk rounds against gunicorn."""
    server = harness.Server(environment, workers=args.workers)
    try:
        paths = {"healthz": "/healthz", "directory": DIRECTORY, "profile": f"/centres/{licence}/"}
        warm(server, paths, args)
        rounds = max(1, args.rounds)
        rates = {kind: [] for kind in paths}
        errors = dict.fromkeys(paths, 0)
        kinds = list(paths)
        for r in range(rounds):
            for kind in kinds if r % 2 == 0 else list(reversed(kinds)):
                summary = harness.wrk(server.url + paths[kind], "", args.seconds / rounds, args.connections)
                rates[kind].append(summary["rate"])
                errors[kind] += summary["errors"]
    finally:
        server.stop()
    return rates, errors


def ratio_rows(args, rates, errors):
    scale = f"{args.centres} centres, {args.connections} clients, {args.workers} workers"
    total_errors = sum(errors.values())
    counts = ", ".join(f"{kind} {n}" for kind, n in errors.items())
    # A round in which /healthz completed nothing (the machine stalled) has no ratio: left out, and said.
    paired = [i for i, base in enumerate(rates["healthz"]) if base]
    stalled = len(rates["healthz"]) - len(paired)
    rows = []
    for kind in ("directory", "profile"):
        if paired:
            m, spread = harness.ratios([rates[kind][i] for i in paired], [rates["healthz"][i] for i in paired])
        else:
            m, spread = 0.0, (0.0, 0.0)
        note = f"{harness.median(rates[kind]):.0f} vs {harness.median(rates['healthz']):.0f} req/s; errors: {counts}"
        if stalled:
            note += f"; {stalled} rounds left out (/healthz served nothing)"
        rows.append(
            harness.Result(
                f"public {kind} ÷ /healthz (warm)",
                args.db,
                scale,
                m,
                spread,
                "×",
                f"≥ {TARGET}×, 0 errors",
                bool(paired) and m >= TARGET and not total_errors,
                note=note,
            )
        )
    return rows


def main():
    args = harness.arguments(
        __doc__.splitlines()[0],
        centres=(1000, 100),
        large=(10000, 1000),
        seconds=(12.0, 3.0),
        workers=(2, 2),
        connections=(8, 8),
    )
    environment = harness.Environment(args.db)
    try:
        environment.django()
        start = time.perf_counter()
        licence = load(args.centres)
        print(f"   loaded in {time.perf_counter() - start:.0f} s")
        small, small_n = directory_queries()
        rates, errors = throughput(environment, args, licence)
        if args.large > args.centres:
            load(args.large - args.centres)
        large, large_n = directory_queries()
    finally:
        environment.close()

    results = ratio_rows(args, rates, errors)
    results.append(
        harness.Result(
            "public directory queries (cold cache)",
            args.db,
            f"{small_n} / {large_n} centres",
            large,
            (small, large),
            "queries",
            "the same at both",
            small == large,
            note=f"{small} at {small_n}, {large} at {large_n} centres",
        )
    )
    print(f"== public ({environment.describe()}, {args.rounds} interleaved rounds)")
    return harness.report(args, results)


if __name__ == "__main__":
    sys.exit(main())
