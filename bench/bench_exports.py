"""Benchmark: the anonymous survey answers export (the export job's writing) at a million answers.

    .venv/bin/python bench/bench_exports.py --db sqlite|postgres [--campaigns 500] [--responses 400] [--quick]

Loads --campaigns × --responses responses of five answers each (500 × 400 × 5 = 1M answers),
ANALYZE, then writes the export as the job does (exports.services.run_export's writers, the
database read included): the people's CSV (target < 10 s), the XLSX with xlsxwriter in
constant-memory mode (target < 60 s) and, for comparison, with openpyxl's write-only mode (no
target). Each writer runs in a process of its own (Django set up, nothing loaded), so its time and its
memory are its own: the growth of that process's peak RSS over the writing, the worst of the three
(target < 200 MB: flat, not proportional to the answers). Leaves out: the job queue's pick-up delay
and the download.
"""

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_surveys  # noqa: E402
import harness  # noqa: E402


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_mb():
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def write_in_this_process(name, path):
    """The child's side: Django set up from the environment, one writer run; prints seconds and MB."""
    import django

    sys.path.insert(0, str(harness.ROOT))
    django.setup()
    from django.utils import translation

    from exports import writers
    from surveys import exports

    params = {"questionnaire": "trainee", "year": bench_surveys.YEAR}
    writer = {
        "csv": lambda: writers.write_csv(path, exports.table(params)),
        "xlsx": lambda: writers.write_xlsx(path, exports.table(params)),
        "xlsx-openpyxl": lambda: writers.write_xlsx(path, exports.table(params), engine="openpyxl"),
    }[name]
    with translation.override("bg"):
        exports.table(params)  # imports and the questions read: not the writing
        base = current_mb()
        start = time.perf_counter()
        writer()
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "growth_mb": peak_mb() - base}))


def write_in_a_child(environment, name, path):
    """Each writer in a process of its own, so its peak memory is its own and not the loading's."""
    done = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--child-write", name, path],
        env={**environment.env, "DJANGO_SETTINGS_MODULE": "vetquality.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"the {name} writer failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--child-write":
        write_in_this_process(sys.argv[2], sys.argv[3])
        return 0
    args = harness.arguments(__doc__.splitlines()[0], campaigns=(500, 20), responses=(400, 50))
    environment = harness.Environment(args.db)
    try:
        environment.django()
        start = time.perf_counter()
        bench_surveys.load(args.campaigns, args.responses, 0)
        print(f"   loaded in {time.perf_counter() - start:.0f} s")
        harness.analyze()

        answers = args.campaigns * args.responses * len(bench_surveys.CODES)
        scale = f"{answers:,} answers".replace(",", " ")
        results = []
        times, growth = {}, {}
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("csv", "xlsx", "xlsx-openpyxl"):
                path = f"{tmp}/{name}"
                measured = write_in_a_child(environment, name, path)
                times[name], growth[name] = measured["seconds"], measured["growth_mb"]
                print(
                    f"   {name}: {times[name]:.1f} s, {Path(path).stat().st_size / 1e6:.0f} MB file, "
                    f"peak memory +{growth[name]:.0f} MB",
                    flush=True,
                )
        growth = max(growth.values())
        results.append(harness.timed_result("survey answers CSV export", args.db, scale, [times["csv"]], limit_s=10))
        results.append(
            harness.timed_result("survey answers XLSX (xlsxwriter)", args.db, scale, [times["xlsx"]], limit_s=60)
        )
        results.append(
            harness.info_result("survey answers XLSX (openpyxl)", args.db, scale, times["xlsx-openpyxl"], "s")
        )
        results.append(
            harness.Result(
                "export memory (peak RSS growth, worst writer)",
                args.db,
                scale,
                growth,
                (growth, growth),
                "MB",
                "< 200 MB",
                growth < 200,
            )
        )
        print(f"== exports ({environment.describe()}, one run each)")
        return harness.report(args, results)
    finally:
        environment.close()


if __name__ == "__main__":
    sys.exit(main())
