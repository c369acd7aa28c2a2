"""The one benchmark harness every bench/bench_*.py uses, so none can measure in a kinder way.

- `--db sqlite|postgres`: a throwaway SQLite file, or a PostgreSQL database of its own
  (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/wt_perf_bench), dropped and migrated
  fresh; `analyze()` after every load, so PostgreSQL plans on real statistics (SQLite too).
- Production settings: DEBUG off, the survey rate limiter on, Redis as cache and sessions when
  reachable (BENCH_REDIS_URL, default redis://127.0.0.1:6379/8).
- `interleaved()`: rounds that run the app path and its baseline in turn (order alternating),
  so a drift in the machine's speed touches both alike; medians and spread (min–max) reported.
- HTTP load comes from `wrk` in its own process, pinned with taskset to other CPUs than the
  server (gunicorn), so the load generator does not starve what it measures. `Server` returns once
  GET /healthz answers 200 (a worker has loaded the app), not merely when the port accepts.
- `agency_session()`: the session of an agency user as after a real log-in with the second factor
  passed, so production's MFA middleware lets the pages through as it would for a person.
- Every benchmark reports `Result` rows; `bench/run.py` prints them as one table
  (what, database, scale, median, spread, target, met) and exits 1 when a target is missed.
"""

import argparse
import dataclasses
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/wt_perf_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
SECRET_KEY = "bench-only-" + os.urandom(8).hex()


@dataclasses.dataclass
class Result:
    what: str
    db: str
    scale: str
    median: float  # in `unit`
    spread: tuple  # (min, max) in `unit`
    unit: str  # "ms", "s", "×" …
    target: str  # e.g. "≤ 1.2×", "< 200 ms"
    met: bool
    note: str = ""

    def row(self):
        low, high = self.spread
        return [
            self.what,
            self.db,
            self.scale,
            f"{self.median:.3g} {self.unit}" if self.unit != "×" else f"{self.median:.2f}×",
            f"{low:.3g}–{high:.3g}" if self.unit != "×" else f"{low:.2f}–{high:.2f}",
            self.target,
            "yes" if self.met else "NO",
        ]


def arguments(description, **scales):
    """Common flags (--db, --quick, --rounds) plus the benchmark's own scale flags {name: (default, quick)}."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--quick", action="store_true", help="a small scale, to check the benchmark works")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--results", help="append the results as JSON lines to this file (bench/run.py)")
    for name, (default, _quick) in scales.items():
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(default), default=None)
    args = parser.parse_args()
    for name, (default, quick) in scales.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else default)
    if args.quick:
        args.rounds = min(args.rounds, 3)
    return args


# ---------------------------------------------------------------- databases and settings
def redis_reachable(url=REDIS_URL):
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        return True
    except Exception:  # noqa: BLE001 — unreachable for whatever reason: benchmark without it, and say so
        return False


class Environment:
    """A fresh database and the production environment variables that point at it."""

    def __init__(self, db):
        self.db = db
        self.tmp = tempfile.mkdtemp(prefix="vq-bench-")
        if db == "sqlite":
            self.url = f"sqlite:///{self.tmp}/bench.sqlite3"
        else:
            self.url = PG_URL
            self._recreate_postgres()
        self.redis = redis_reachable()
        if self.redis and os.environ.get("BENCH_REDIS_FLUSH", "1") != "0":
            # The benchmark's own Redis database: nothing kept from an earlier run.
            import redis

            redis.Redis.from_url(REDIS_URL).flushdb()
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "SECURE_COOKIES": "0",
            "DATABASE_URL": self.url,
            "DJANGO_SETTINGS_MODULE": "vetquality.settings",
            # The limiter is on (every answer increments its counter in the cache), with a bound the
            # benchmark's single client address never reaches: it measures the limiter's cost.
            "SURVEYS_OPEN_RATE_LIMIT": "1000000000",
            "MEDIA_ROOT": f"{self.tmp}/media",
        }
        if self.redis:
            self.env["REDIS_URL"] = REDIS_URL
        else:
            self.env.pop("REDIS_URL", None)

    def _recreate_postgres(self):
        import psycopg

        parts = urllib.parse.urlsplit(self.url)
        name = parts.path.lstrip("/")
        admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')

    def django(self):
        """Configure Django in this process with the benchmark's settings, migrated; returns the connection."""
        os.environ.update(self.env)
        if not self.redis:
            os.environ.pop("REDIS_URL", None)
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        if self.db == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=WAL")
        return connection

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def describe(self):
        cache = "Redis" if self.redis else "in-process (Redis unreachable)"
        return f"{self.db}, DEBUG off, rate limiter on, cache {cache}"


def analyze():
    """Fresh planner statistics after a load: ANALYZE on PostgreSQL (and SQLite's sqlite_stat1)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# ---------------------------------------------------------------- timing
def interleaved(paths, rounds):
    """{name: [seconds per round]}: every round runs every path once, the order alternating.

    A path that returns a float returns its own measured seconds (it did untimed work around the
    measured part, e.g. emptying a cache before or running a job after)."""
    names = list(paths)
    for fn in paths.values():  # warm-up: caches, prepared plans, imports
        fn()
    times = {name: [] for name in names}
    for r in range(rounds):
        for name in names if r % 2 == 0 else reversed(names):
            start = time.perf_counter()
            measured = paths[name]()
            elapsed = time.perf_counter() - start
            times[name].append(measured if isinstance(measured, float) else elapsed)
    return times


def median(values):
    return statistics.median(values)


def ratios(app, base):
    """Per-round ratios app/base (the rounds are paired), their median and (min, max)."""
    each = [a / b for a, b in zip(app, base, strict=True)]
    return median(each), (min(each), max(each))


def timed_result(what, db, scale, seconds, limit_ms=None, limit_s=None):
    """A Result in ms (or s) with the target `< limit`."""
    if limit_ms is not None:
        values = [s * 1000 for s in seconds]
        return Result(
            what,
            db,
            scale,
            median(values),
            (min(values), max(values)),
            "ms",
            f"< {limit_ms} ms",
            median(values) < limit_ms,
        )
    values = list(seconds)
    return Result(
        what, db, scale, median(values), (min(values), max(values)), "s", f"< {limit_s} s", median(values) < limit_s
    )


def ratio_result(what, db, scale, app, base, *, at_most=None, at_least=None, note=""):
    m, spread = ratios(app, base)
    if at_most is not None:
        return Result(what, db, scale, m, spread, "×", f"≤ {at_most}×", m <= at_most, note)
    return Result(what, db, scale, m, spread, "×", f"≥ {at_least}×", m >= at_least, note)


def info_result(what, db, scale, value, unit, spread=None, note=""):
    return Result(what, db, scale, value, spread or (value, value), unit, "—", True, note)


# ---------------------------------------------------------------- sessions
def agency_session(user):
    """The session key of `user` as after a real log-in with a confirmed authenticator and the code
    entered: the production middleware (idle timeout, MFA) lets the pages through without a redirect."""
    from importlib import import_module

    from django.conf import settings
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts import mfa, sessions

    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[mfa.HAS_DEVICE] = True
    session[sessions.STARTED] = session[sessions.LAST_SEEN] = sessions.now()
    session.create()
    return session.session_key


# ---------------------------------------------------------------- HTTP load
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpus():
    return sorted(os.sched_getaffinity(0))


def split_cpus():
    """(server CPUs, load generator CPUs): the last CPU for wrk, the rest for the server."""
    available = cpus()
    if len(available) < 2:
        return available, available
    return available[:-1], available[-1:]


class Server:
    """gunicorn serving the app with the benchmark's environment, pinned to the server CPUs."""

    def __init__(self, environment, workers=2, threads=1):
        self.port = free_port()
        server_cpus, _ = split_cpus()
        command = [
            PYTHON,
            "-m",
            "gunicorn",
            "vetquality.wsgi",
            "-b",
            f"127.0.0.1:{self.port}",
            "-w",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ]
        if shutil.which("taskset"):
            command = ["taskset", "-c", ",".join(map(str, server_cpus)), *command]
        self.process = subprocess.Popen(command, cwd=ROOT, env=environment.env)  # noqa: S603
        self._wait()

    def _wait(self, deadline=120):
        """Until GET /healthz answers 200: gunicorn accepts connections on its port before its workers
        have imported the app, and a request in that gap would time the loading, not the app."""
        end = time.monotonic() + deadline
        last = "no answer"
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.process.returncode}) before serving /healthz")
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            try:
                conn.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
                status = conn.getresponse().status
                if status == 200:
                    return
                last = f"HTTP {status}"
            except (OSError, http.client.HTTPException) as error:  # refused while binding, a worker loading
                last = repr(error)
            finally:
                conn.close()
            time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn: /healthz did not answer 200 within {deadline} s (last: {last})")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


WRK_REPORT = """
local threads = {}
function setup(thread) thread:set("id", #threads); table.insert(threads, thread) end
function done(summary, latency, requests)
  local statuses = {}
  for _, t in ipairs(threads) do
    local counts = t:get("statuses")
    if counts then for code, n in pairs(counts) do statuses[code] = (statuses[code] or 0) + n end end
    local extra = t:get("cycles")
    if extra then statuses["cycles"] = (statuses["cycles"] or 0) + extra end
  end
  local parts = {}
  for code, n in pairs(statuses) do table.insert(parts, string.format('"%s": %d', code, n)) end
  io.write(string.format('WRK {"requests": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f, "errors": %d, ' ..
    '"statuses": {%s}}\\n', summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout + summary.errors.status, table.concat(parts, ", ")))
end
"""


def wrk(url, script, seconds, connections, threads=2):
    """Run wrk (pinned to the load generator CPUs) with a Lua script; returns its JSON summary."""
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk): the HTTP benchmarks need it")
    _, client_cpus = split_cpus()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script + WRK_REPORT)
    command = [
        "wrk",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        handle.name,
        url,
    ]
    if shutil.which("taskset"):
        command = ["taskset", "-c", ",".join(map(str, client_cpus)), *command]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise SystemExit(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    out = done.stdout
    os.unlink(handle.name)
    match = re.search(r"^WRK (.*)$", out, re.M)
    if not match:
        raise SystemExit("wrk printed no summary:\n" + out)
    summary = json.loads(match.group(1))
    summary["rate"] = summary["requests"] / summary["seconds"]
    return summary


def lua_string(value):
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------- reporting
def report(args, results):
    for result in results:
        print("   " + " | ".join(result.row()) + (f"  ({result.note})" if result.note else ""))
    if args.results:
        with open(args.results, "a", encoding="utf-8") as handle:
            for result in results:
                handle.write(json.dumps(dataclasses.asdict(result), ensure_ascii=False) + "\n")
    return 0 if all(r.met for r in results) else 1


def table(results):
    header = ["what", "database", "scale", "median", "spread", "target", "met"]
    rows = [header] + [r.row() for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
