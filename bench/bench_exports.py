"""Benchmark: the anonymous survey answers export (the export job's writing) at a million answers.

    .venv/bin/python bench/bench_exports.py --db sqlite|postgres [--campaigns 500] [--responses 400] [--quick]

Loads --campaigns × --responses responses of five answers each (500 × 400 × 5 = 1M answers),
ANALYZE, then writes the export as the job does (exports.services.run_export's writers, the
database read included): the people's CSV (target < 10 s), the XLSX with xlsxwriter in
constant-memory mode (target < 60 s) and, for comparison, with openpyxl's write-only mode (no
target). Memory: the growth of the process's peak RSS over the writing (target < 200 MB: flat,
not proportional to the answers). Leaves out: the job queue's pick-up delay and the download.
"""

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_surveys  # noqa: E402
import harness  # noqa: E402


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    args = harness.arguments(__doc__.splitlines()[0], campaigns=(500, 20), responses=(400, 50))
    environment = harness.Environment(args.db)
    try:
        environment.django()
        start = time.perf_counter()
        bench_surveys.load(args.campaigns, args.responses, 0)
        print(f"   loaded in {time.perf_counter() - start:.0f} s")
        harness.analyze()
        from django.utils import translation

        from exports import writers
        from surveys import exports

        params = {"questionnaire": "trainee", "year": bench_surveys.YEAR}
        answers = args.campaigns * args.responses * len(bench_surveys.CODES)
        scale = f"{answers:,} answers".replace(",", " ")
        results = []
        before = peak_mb()
        with tempfile.TemporaryDirectory() as tmp, translation.override("bg"):
            runs = {
                "csv": lambda path: writers.write_csv(path, exports.table(params)),
                "xlsx": lambda path: writers.write_xlsx(path, exports.table(params)),
                "xlsx-openpyxl": lambda path: writers.write_xlsx(path, exports.table(params), engine="openpyxl"),
            }
            times = {}
            for name, run in runs.items():
                path = f"{tmp}/{name}"
                start = time.perf_counter()
                run(path)
                times[name] = time.perf_counter() - start
                print(f"   {name}: {times[name]:.1f} s, {Path(path).stat().st_size / 1e6:.0f} MB", flush=True)
        growth = peak_mb() - before
        results.append(harness.timed_result("survey answers CSV export", args.db, scale, [times["csv"]], limit_s=10))
        results.append(
            harness.timed_result("survey answers XLSX (xlsxwriter)", args.db, scale, [times["xlsx"]], limit_s=60)
        )
        results.append(
            harness.info_result("survey answers XLSX (openpyxl)", args.db, scale, times["xlsx-openpyxl"], "s")
        )
        results.append(
            harness.Result(
                "export memory (peak RSS growth)",
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
