"""Benchmark: answers per second on the public survey form against a trivial view, same server, same run.

    .venv/bin/python bench/bench_survey_form.py [--seconds 10] [--clients 4] [--workers 2]

Serves the app with gunicorn on 127.0.0.1 (a free port) over a throwaway SQLite database in a
temp dir (migrated, one centre and one open-link campaign), with the open link's rate limit off
(SURVEYS_OPEN_RATE_LIMIT=0). One "answer" = GET the form + POST it with its CSRF token and nonce.
Prints answers/s, /healthz requests/s, their ratio (target ≥ 0.25×) and the error count (target 0).
Loopback only; each phase is bounded in time and the server is stopped at the end.
"""

import argparse
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
                counter.add(work(conn))
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


def make_answer(token):
    path = f"/s/open/{token}/"

    def answer(conn):
        conn.request("GET", path)
        page = conn.getresponse()
        html = page.read().decode()
        cookies = [c.split(";", 1)[0] for c in page.headers.get_all("Set-Cookie") or []]
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        nonce = re.search(r'name="nonce" value="([^"]+)"', html)
        if page.status != 200 or not csrf or not nonce:
            return False
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": csrf.group(1), "nonce": nonce.group(1), **{f"q_{c}": "4" for c in CODES}}
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(cookies),
            "Referer": f"http://127.0.0.1{path}",
        }
        conn.request("POST", path, body=body, headers=headers)
        posted = conn.getresponse()
        posted.read()
        return posted.status == 302

    return answer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
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
        run_phase(port, 1, args.clients, healthz)  # warm-up
        base, base_time = run_phase(port, args.seconds, args.clients, healthz)
        form, form_time = run_phase(port, args.seconds, args.clients, make_answer(token))
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)
    base_rate = base.ok / base_time
    form_rate = form.ok / form_time
    ratio = form_rate / base_rate if base_rate else 0
    print(f"/healthz:        {base_rate:8.1f} requests/s ({base.ok} in {base_time:.1f} s, {base.errors} errors)")
    print(f"survey answers:  {form_rate:8.1f} answers/s  ({form.ok} in {form_time:.1f} s, {form.errors} errors)")
    print(f"ratio:           {ratio:8.2f}×  (target ≥ 0.25×)")
    print(f"errors:          {base.errors + form.errors} (target 0)")
    return 0 if ratio >= 0.25 and not (base.errors + form.errors) else 1


if __name__ == "__main__":
    sys.exit(main())
