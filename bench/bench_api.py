"""Benchmark: the API's centres list and one report against /healthz, same server, same run (target ≥ 0.3×).

    .venv/bin/python bench/bench_api.py [--db sqlite|postgres] [--centres 1000] [--seconds 12] [--quick]

A fresh database with --centres CPO centres and a submitted report each (ANALYZE after loading), an
agency expert's token, gunicorn with production settings (DEBUG off, Redis when reachable, the API's
per-token rate limiter on — with a bound the benchmark's one token never reaches, so its cost is
measured), load from wrk in its own process pinned to another CPU, interleaved rounds. Measured: the
first page of GET /api/centres (50 rows) and GET /api/reports/<licence>/<year> with Authorization:
Bearer. Both are read again and again, as a polling client does: after the first request the token comes
from the cache, the centres page from its copy kept under the register's version and the report's
encoded answer from its copy kept under its lock version (what a change to either does is tested, not
benchmarked). Left out: writes (a draft save is the form's service, benchmarked with the form), the
first (cold) read of each page or report.
"""

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

TARGET = 0.3


def load(count):
    from accounts.models import Role, User
    from api import services
    from centres.models import Centre
    from frameworks.models import Framework
    from reports.bulk import SubmittedEntry, create_submitted_reports
    from reports.deadlines import SOFIA

    Centre.objects.bulk_create(
        Centre(
            licence_number=f"2{i:08d}",
            name=f"ЦПО „Бенчмарк {i}“ ЕООД",
            kind="CPO",
            region="Пловдив",
            municipality="Пловдив",
            licensed_on=dt.date(2015, 1, 1),
        )
        for i in range(count)
    )
    framework = Framework.objects.for_report("CPO", 2024)
    criteria = list(framework.criteria.all())
    entries = [
        SubmittedEntry(
            c, dt.datetime(2025, 1, 20, tzinfo=SOFIA), {k.code: k.max_points * Decimal("0.5") for k in criteria}
        )
        for c in Centre.objects.all()
    ]
    for i in range(0, len(entries), 2000):
        create_submitted_reports(entries[i : i + 2000], year=2024, framework=framework)
    expert = User.objects.create_user("bench-expert", role=Role.EXPERT, password="x" * 20)  # noqa: S106
    _token, key = services.create_personal_token(expert, name="bench", scopes=["read"])
    harness.analyze()
    return key, Centre.objects.order_by("licence_number").first().licence_number


def main():
    args = harness.arguments(__doc__.splitlines()[0], centres=(1000, 100), seconds=(12.0, 3.0))
    environment = harness.Environment(args.db)
    environment.env["API_RATE_LIMIT_PER_MINUTE"] = "1000000000"
    server = None
    try:
        environment.django()
        key, licence = load(args.centres)
        server = harness.Server(environment)
        auth = f'wrk.headers["Authorization"] = {harness.lua_string("Bearer " + key)}\n'
        paths = {
            "healthz": ("/healthz", ""),
            "centres": ("/api/centres", auth),
            "report": (f"/api/reports/{licence}/2024", auth),
        }
        for path, script in paths.values():  # warm-up: imports, connections, prepared plans
            harness.wrk(server.url + path, script, 1, 8)
        rounds = max(1, args.rounds)
        per_round = args.seconds / rounds
        rates = {name: [] for name in paths}
        errors = 0
        names = list(paths)
        for r in range(rounds):
            for name in names if r % 2 == 0 else list(reversed(names)):
                path, script = paths[name]
                summary = harness.wrk(server.url + path, script, per_round, 8)
                rates[name].append(summary["rate"])
                errors += summary["errors"]
    finally:
        if server is not None:
            server.stop()
        environment.close()
    scale = f"{args.centres} centres"
    results = []
    base = harness.median(rates["healthz"])
    for name in ("centres", "report"):
        each = [a / b for a, b in zip(rates[name], rates["healthz"], strict=True)]
        m = harness.median(each)
        results.append(
            harness.Result(
                f"API {name} ÷ /healthz",
                args.db,
                scale,
                m,
                (min(each), max(each)),
                "×",
                f"≥ {TARGET}×",
                m >= TARGET and not errors,
                note=f"{harness.median(rates[name]):.0f} vs {base:.0f} req/s; {errors} errors",
            )
        )
    print(environment.describe())
    return harness.report(args, results)


if __name__ == "__main__":
    sys.exit(main())
