"""Benchmark: answers per second on the public survey form against /healthz, same server, same run.

    .venv/bin/python bench/bench_survey_form.py --db sqlite|postgres [--seconds 8] [--clients 32]
        [--workers 2] [--campaigns 600] [--quick]

gunicorn (production settings: DEBUG off, rate limiter on, Redis when reachable) serves a fresh
database holding --campaigns open-link campaigns at many centres, each already holding 20 answers
(as in the middle of a survey season, before ANALYZE), so the kept campaigns, the limiter's counters
and PostgreSQL's plans see a realistic spread instead of one always-warm campaign on empty tables. `wrk` (its own
process, pinned to another CPU than the server) drives --clients connections; every round runs,
in turn:

1. /healthz, a trivial view behind the same middleware: requests/s, the base;
2. answers: the POST that stores a response, with a fresh one-time nonce each (minted with the
   server's key exactly as the form page does) and a CSRF cookie and token: ≥ 0.25× the base,
   p95 < 150 ms;
3. respondents: GET the empty form as a new visitor (a new CSRF cookie, a new nonce), then POST
   it: cycles/s ≥ 0.15× the base.

Every non-2xx/3xx answer is an error (target 0). Leaves out: personal-link invitations, TLS, a
reverse proxy, and clients on other machines (loopback only).
"""

import random
import re
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

CODES = ("training", "trainers", "materials", "organisation", "admin_service")

HEALTHZ = """
statuses = {}
function request() return wrk.format("GET", "/healthz") end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
"""

# Each connection has its own wrk thread (-t = -c), so a thread's requests are one visitor's, in order.
POSTS = """
statuses = {}
local lines, i = {}, 0
function init(args)
  local n = 0
  for line in io.lines(POSTS_FILE) do
    if n % NTHREADS == id then table.insert(lines, line) end
    n = n + 1
  end
end
function request()
  i = i + 1
  local line = lines[i] or lines[1]  -- ran out: a reposted nonce answers 409, counted as an error
  local path, body = line:match("([^\t]*)\t(.*)")
  return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = COOKIE}, body)
end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
"""

# A new visitor each time: GET the empty form (no cookie), then POST it with what the page gave.
# Each thread draws its own campaigns (seeded by run and thread): unseeded, every wrk thread of every
# round drew the same sequence, piling the load on a few campaigns (their limiter's budget ran out).
CYCLE = """
statuses = {}
cycles = 0
local form = nil
function init(args) math.randomseed(SEED + 7919 * id) end
local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end
function request()
  if form then
    local f = form
    form = nil
    local body = "csrfmiddlewaretoken=" .. encode(f.csrf) .. "&nonce=" .. encode(f.nonce) .. ANSWERS
    return wrk.format("POST", f.path, {["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = "csrftoken=" .. f.cookie}, body)
  end
  path = CAMPAIGN_PATHS[math.random(#CAMPAIGN_PATHS)]
  return wrk.format("GET", path)
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 302 then cycles = cycles + 1 end
  if status == 200 then
    local csrf = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
    local nonce = body:match('name="nonce" value="([^"]+)"')
    local cookie = (headers["Set-Cookie"] or ""):match("csrftoken=([^;]+)")
    if csrf and nonce and cookie then form = {csrf = csrf, nonce = nonce, cookie = cookie, path = path} end
  end
end
"""


def setup_campaigns(n, answered=20):
    """n open-link campaigns over n // 2 centres, open today, each already holding `answered`
    responses (as in the middle of a survey season); returns [(campaign id, path)].

    The answers already there matter on PostgreSQL: on tables that were empty when ANALYZE ran,
    and with autovacuum off (as on these machines), each connection's cached plans for the
    foreign-key checks read the answers' tables from start to end, a cost that grows with every
    answer stored during the run. Production's autovacuum re-analyzes as the tables grow."""
    import datetime as dt

    from django.utils import timezone

    from centres.models import Centre
    from surveys.models import Answer, Campaign, CampaignMode, Channel, Questionnaire, Response

    today = timezone.localdate()
    centres = Centre.objects.bulk_create(
        Centre(
            licence_number=f"2008{i:05d}",
            name=f"ЦПО „Бенчмарк {i}“",
            kind="CPO",
            region="Пловдив",
            municipality="Пловдив",
            licensed_on=dt.date(2015, 1, 1),
            email=f"bench{i}@example.bg",
        )
        for i in range(max(1, n // 2))
    )
    centres = list(Centre.objects.order_by("id"))
    version = Questionnaire.objects.get(code="trainee").current_version()
    Campaign.objects.bulk_create(
        Campaign(
            centre=centres[i % len(centres)],
            version=version,
            label=f"bench {i}",
            year=today.year,
            opens_on=today - dt.timedelta(days=1),
            closes_on=today + dt.timedelta(days=1),
            mode=CampaignMode.OPEN,
            open_token=f"bench-{i:05d}-{random.randrange(10**9)}",
        )
        for i in range(n)
    )
    campaigns = list(Campaign.objects.order_by("id"))
    questions = [q for q in version.questions.order_by("order") if q.code in CODES]
    responses = Response.objects.bulk_create(
        Response(campaign=c, channel=Channel.OPEN, submitted_at=timezone.now(), form_nonce=f"seed-{c.pk}-{k}")
        for c in campaigns
        for k in range(answered)
    )
    Answer.objects.bulk_create(
        (
            Answer(response=r, question=q, question_code=q.code, value=str(v), number=v)
            for r in responses
            for q, v in zip(questions, random.choices(range(1, 6), k=len(questions)), strict=True)
        ),
        batch_size=5000,
    )
    return [(c.pk, f"/s/open/{c.open_token}/") for c in campaigns]


def csrf_pair(url):
    """(cookie value, form token) from one GET of a form page: reusable for many POSTs."""
    with urllib.request.urlopen(url) as page:  # noqa: S310 — loopback
        html = page.read().decode()
        cookie = re.search(r"csrftoken=([^;]+)", page.headers.get("Set-Cookie", "")).group(1)
    return cookie, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def write_posts(campaigns, token, count):
    """A file of `count` ready answers (path, body), each with its own nonce, over random campaigns."""
    import secrets
    import urllib.parse

    from django.core import signing

    from surveys.public_views import NONCE_SALT

    answers = "".join(f"&q_{c}=4" for c in CODES)
    handle = tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False)  # noqa: SIM115
    with handle:
        for _ in range(count):
            pk, path = random.choice(campaigns)
            nonce = signing.dumps({"c": pk, "n": secrets.token_urlsafe(16)}, salt=NONCE_SALT)
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "nonce": nonce}) + answers
            handle.write(f"{path}\t{body}\n")
    return handle.name


def seeded(script):
    """The cycle script with a seed of its own, so no two rounds draw the same campaigns either."""
    return script.replace("__SEED__", str(random.randrange(10**6)))


def errors_of(summary):
    bad = sum(n for code, n in summary["statuses"].items() if code != "cycles" and not 200 <= int(code) < 400)
    return bad + summary["errors"]


def main():
    args = harness.arguments(
        __doc__.splitlines()[0], seconds=(8.0, 3.0), clients=(32, 8), workers=(2, 2), campaigns=(600, 40)
    )
    args.rounds = min(args.rounds, 5)
    environment = harness.Environment(args.db)
    server = None
    try:
        environment.django()
        campaigns = setup_campaigns(args.campaigns)
        harness.analyze()
        from django.db import connection

        connection.close()
        server = harness.Server(environment, workers=args.workers)
        url = server.url
        cookie, token = csrf_pair(url + campaigns[0][1])
        paths = "{" + ", ".join(harness.lua_string(p) for _, p in campaigns) + "}"
        answers = harness.lua_string("".join(f"&q_{c}=4" for c in CODES))
        cycle_script = f"CAMPAIGN_PATHS = {paths}\nANSWERS = {answers}\nSEED = __SEED__\n" + CYCLE
        n = args.clients
        # Warm-up: every worker imports, connects, freezes the version with the first answers.
        harness.wrk(url, HEALTHZ, 2, n, threads=n)
        harness.wrk(url, seeded(cycle_script), 3, n, threads=n)
        rounds = {"base": [], "answers": [], "cycles": []}
        p95 = {"answers": [], "cycles": []}
        errors = 0
        for _ in range(args.rounds):
            base = harness.wrk(url, HEALTHZ, args.seconds, n, threads=n)
            # More ready answers than the POST phase can send at the base's rate.
            posts_file = write_posts(campaigns, token, int(base["rate"] * args.seconds * 1.2) + 100)
            post_script = (
                f"POSTS_FILE = {harness.lua_string(posts_file)}\nNTHREADS = {n}\n"
                f"COOKIE = {harness.lua_string('csrftoken=' + cookie)}\n" + POSTS
            )
            answered = harness.wrk(url, post_script, args.seconds, n, threads=n)
            Path(posts_file).unlink()
            cycled = harness.wrk(url, seeded(cycle_script), args.seconds, n, threads=n)
            rounds["base"].append(base["rate"])
            rounds["answers"].append(answered["rate"])
            rounds["cycles"].append(cycled["statuses"].get("cycles", 0) / cycled["seconds"])
            p95["answers"].append(answered["p95_ms"])
            p95["cycles"].append(cycled["p95_ms"])
            errors += errors_of(base) + errors_of(answered) + errors_of(cycled)
            print(
                f"   round: /healthz {base['rate']:.0f}/s, answers {answered['rate']:.0f}/s "
                f"(p95 {answered['p95_ms']:.0f} ms), cycles {rounds['cycles'][-1]:.0f}/s, statuses "
                f"{answered['statuses']} {cycled['statuses']}"
            )
    finally:
        if server is not None:
            server.stop()
        environment.close()
    scale = f"{args.campaigns} campaigns, {args.clients} clients, {args.workers} workers"
    # Rates: the ratio is base-time / app-time per request, so pass 1/rate as "times".
    inverse = {k: [1 / r if r else float("inf") for r in v] for k, v in rounds.items()}
    base_rate = harness.median(rounds["base"])
    results = [
        harness.info_result(
            "/healthz (base)", args.db, scale, base_rate, "req/s", (min(rounds["base"]), max(rounds["base"]))
        ),
        harness.ratio_result(
            "survey answer POST vs /healthz",
            args.db,
            scale,
            inverse["base"],
            inverse["answers"],
            at_least=0.25,
            note=f"{harness.median(rounds['answers']):.0f} answers/s",
        ),
        harness.ratio_result(
            "respondent GET+POST vs /healthz",
            args.db,
            scale,
            inverse["base"],
            inverse["cycles"],
            at_least=0.15,
            note=f"{harness.median(rounds['cycles']):.0f} cycles/s",
        ),
    ]
    p95_answers = harness.median(p95["answers"])
    results.append(
        harness.Result(
            "survey answer POST p95",
            args.db,
            scale,
            p95_answers,
            (min(p95["answers"]), max(p95["answers"])),
            "ms",
            "< 150 ms",
            p95_answers < 150,
        )
    )
    results.append(harness.Result("HTTP errors", args.db, scale, errors, (errors, errors), "", "0", errors == 0))
    print(f"== survey form ({environment.describe()}, {args.rounds} interleaved rounds of {args.seconds:g} s, wrk)")
    return harness.report(args, results)


if __name__ == "__main__":
    sys.exit(main())
