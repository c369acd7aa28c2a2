"""`make bench`: every benchmark on SQLite and PostgreSQL, one table, exit 1 on a missed target.

    .venv/bin/python bench/run.py [--quick] [--db sqlite|postgres ...] [--only analysis surveys ...]

Each bench/bench_*.py runs in its own process (a fresh database each), appends its results to a
shared file, and this prints them as one table: what, database, scale, median, spread, target,
met. `--quick` runs every benchmark at a small scale to check that it works: its figures say
nothing about the targets, and a miss there does not fail the run.
"""

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import harness  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--db", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--only", nargs="+", help="benchmark names, e.g. analysis survey_form surveys exports")
    args = parser.parse_args()
    benches = sorted(HERE.glob("bench_*.py"))
    if args.only:
        benches = [b for b in benches if b.stem.removeprefix("bench_") in args.only]
    with tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False) as handle:
        results_file = handle.name
    crashed = []
    for bench in benches:
        for db in args.db:
            print(f"== {bench.name} --db {db}", flush=True)
            command = [sys.executable, str(bench), "--db", db, "--results", results_file]
            if args.quick:
                command.append("--quick")
            if subprocess.run(command, check=False).returncode not in (0, 1):  # noqa: S603
                crashed.append(f"{bench.name} --db {db}")
    results = []
    for line in Path(results_file).read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        data["spread"] = tuple(data["spread"])
        results.append(harness.Result(**{f.name: data[f.name] for f in dataclasses.fields(harness.Result)}))
    Path(results_file).unlink()
    print()
    print(harness.table(results))
    missed = [r for r in results if not r.met]
    if crashed:
        print("CRASHED: " + ", ".join(crashed))
    if missed:
        print(
            f"{'(quick scale: not binding) ' if args.quick else ''}missed: "
            + "; ".join(f"{r.what} ({r.db})" for r in missed)
        )
    return 1 if crashed or (missed and not args.quick) else 0


if __name__ == "__main__":
    sys.exit(main())
