"""Benchmark: answers per second on the public survey form against a trivial view, same server, same run.

    .venv/bin/python bench/bench_survey_form.py [--seconds 10] [--clients 4] [--workers 2] [--rounds 3]

Serves the app with gunicorn on 127.0.0.1 (a free port) over a throwaway SQLite database in a
temp dir (migrated, one centre and one open-link campaign), with the open link's rate limit off
(SURVEYS_OPEN_RATE_LIMIT=0). Kinds of load, each run for --seconds in all, split into --rounds
interleaved rounds on the same server:

1. /healthz, a trivial view of the same app behind the same middleware: requests/s, the base.
2. Answers: posting filled-in forms (each with its own CSRF cookie and token and one-time nonce,
   fetched before the phase) — answers/s. An answer is the POST that stores a response; its ratio
   to the base is the target (≥ 0.25×).
3. Form pages: GET of the empty form (new CSRF cookie, new nonce) — pages/s, for information.
4. Respondents: GET + POST in turn, as a person does — cycles/s, for information.

Prints every rate, every ratio and the error count (target 0); exits 1 when a target is missed.
Loopback only; the server is stopped at the end.
"""

import argparse
import collections
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SETUP = """
import datetime as dt
from centres.models import Centre
from surveys.models import Campaign, CampaignMode, Questionnaire
centre = Centre.objects.create(licence_number="200899001", name="ЦПО „Бенчмарк“", kind="cpo", region="Пловдив",
    municipality="Пловдив", licensed_on=dt.date(2015, 1, 1), email="bench@example.bg")
today = dt.date.today()
campaign = Campaign.objects.create(centre=centre, version=Questionnaire.objects.get(code="trainee").current_version(),
    label="bench", year=today.year, opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=1),
    mode=CampaignMode.OPEN)
print("TOKEN=" + campaign.open_token)
from django.db import connection
# Write-ahead log: the throwaway file then takes one worker's writes while the other reads, as a
# server database would (production runs PostgreSQL); the setting stays with the file.
connection.cursor().execute("PRAGMA journal_mode=WAL")
"""
CODES = ("training", "trainers", "materials", "organisation", "admin_service")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, deadline=30):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


class Counter:
    def __init__(self):
        self.ok = self.errors = 0
        self.lock = threading.Lock()

    def add(self, ok):
        with self.lock:
            if ok:
                self.ok += 1
            else:
                self.errors += 1


def run_phase(port, seconds, clients, work):
    counter = Counter()
    stop = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            try:
                done = work(conn)
                if done is None:  # nothing left to send
                    break
                counter.add(done)
            except (OSError, http.client.HTTPException):
                counter.add(False)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter, time.monotonic() - started


def healthz(conn):
    conn.request("GET", "/healthz")
    response = conn.getresponse()
    return response.status == 200 and response.read() == b"ok"


def fetch_form(conn, path):
    """GET the empty form: (cookie header, CSRF token, nonce), or None on a bad page."""
    conn.request("GET", path)
    page = conn.getresponse()
    html = page.read().decode()
    cookies = [c.split(";", 1)[0] for c in page.headers.get_all("Set-Cookie") or []]
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    nonce = re.search(r'name="nonce" value="([^"]+)"', html)
    if page.status != 200 or not csrf or not nonce:
        return None
    return "; ".join(cookies), csrf.group(1), nonce.group(1)


def post_form(conn, path, form):
    cookie, csrf, nonce = form
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, "nonce": nonce, **{f"q_{c}": "4" for c in CODES}})
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": cookie,
        "Referer": f"http://127.0.0.1{path}",
    }
    conn.request("POST", path, body=body, headers=headers)
    posted = conn.getresponse()
    posted.read()
    return posted.status == 302


def make_page(path, keep=None):
    def page(conn):
        form = fetch_form(conn, path)
        if form is not None and keep is not None:
            keep.append(form)
        return form is not None

    return page


def make_answer(path, forms):
    def answer(conn):
        try:
            form = forms.popleft()
        except IndexError:
            return None
        return post_form(conn, path, form)

    return answer


def make_cycle(path):
    def cycle(conn):
        form = fetch_form(conn, path)
        return form is not None and post_form(conn, path, form)

    return cycle


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="vq-bench-survey-")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + os.urandom(8).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "0",
        "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
        "SURVEYS_OPEN_RATE_LIMIT": "0",
        "DJANGO_SETTINGS_MODULE": "vetquality.settings",
    }
    server = None
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
        out = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        ).stdout
        token = re.search(r"TOKEN=(\S+)", out).group(1)
        port = free_port()
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "vetquality.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        wait_for(port)
        path = f"/s/open/{token}/"
        # Warm-up, and one answer: the first answer freezes the questionnaire version, the steady
        # state every later respondent meets (a frozen version's page and fields are built once).
        run_phase(port, 1, args.clients, healthz)
        run_phase(port, 1, args.clients, make_cycle(path))
        # Interleaved rounds: a drift in the machine's speed (other work, thermal) then touches
        # every kind of request alike instead of whichever phase it happened to fall in.
        totals = {kind: [Counter(), 0.0] for kind in ("base", "answers", "pages", "cycles")}
        short = args.seconds / args.rounds
        exhausted = False
        for _ in range(args.rounds):
            # Forms for this round's answers, fetched beforehand (untimed): more than it can post.
            forms = collections.deque()
            run_phase(port, short, args.clients, make_page(path, keep=forms))
            prepared = len(forms)
            for kind, work in (
                ("base", healthz),
                ("answers", make_answer(path, forms)),
                ("pages", make_page(path)),
                ("cycles", make_cycle(path)),
            ):
                counter, elapsed = run_phase(port, short, args.clients, work)
                totals[kind][0].ok += counter.ok
                totals[kind][0].errors += counter.errors
                totals[kind][1] += elapsed
            exhausted = exhausted or (prepared and not forms)  # every prepared form was posted
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)
    (base, base_time), (answers, answers_time), (pages, pages_time), (cycles, cycles_time) = totals.values()
    base_rate = base.ok / base_time
    errors = base.errors + answers.errors + pages.errors + cycles.errors

    def line(label, counter, elapsed, unit, note=""):
        rate = counter.ok / elapsed
        ratio = rate / base_rate if base_rate else 0
        print(
            f"{label:<22}{rate:8.1f} {unit:<11} {ratio:5.2f}× of /healthz"
            f"  ({counter.ok} in {elapsed:.1f} s, {counter.errors} errors){note}"
        )
        return ratio

    print(f"{args.rounds} interleaved rounds, {args.clients} clients, {args.workers} gunicorn workers")
    print(
        f"{'/healthz':<22}{base_rate:8.1f} requests/s           ({base.ok} in {base_time:.1f} s, {base.errors} errors)"
    )
    ratio = line("answers (POST)", answers, answers_time, "answers/s", "  target ≥ 0.25×")
    line("form pages (GET)", pages, pages_time, "pages/s")
    line("respondents (GET+POST)", cycles, cycles_time, "cycles/s")
    if exhausted:
        print("note: a round posted all its prepared forms early; its rate is over the time it took")
    print(f"errors: {errors} (target 0)")
    missed = ratio < 0.25 or errors
    if missed:
        print("TARGET MISSED")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
