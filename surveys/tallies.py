"""National survey results from per-campaign tallies kept in the shared cache.

The national page summed every answer of a questionnaire and year in several passes (a million
answers: seconds). Answers only ever arrive with a new response, so a campaign's tally — its
answer counts per question and value, comments per text question, people per multiple-choice
question — is fixed by (campaign, number of responses, last response id). The page reads those
per campaign in one GROUP BY over responses, takes the tallies of unchanged campaigns from the
cache (one round trip) and counts only the campaigns that got answers since (closed campaigns
never change). A tally is never stale: a new response makes a new key.
"""

from django.core.cache import cache
from django.db.models import Count, Max, Q

from surveys.models import Answer, Campaign, Channel, Invitation, QuestionType, Response
from surveys.results import SATISFIED_FROM, _questions, build_results
from surveys.thresholds import Sufficiency, percent

KEEP = 30 * 24 * 3600  # seconds
BATCH = 200  # campaigns counted per query when their tallies are missing


def _responses(campaigns):
    """{campaign id: (responses, personal responses, last response id)}."""
    rows = (
        Response.objects.filter(campaign__in=campaigns)
        .values_list("campaign_id")
        .annotate(n=Count("id"), personal=Count("id", filter=Q(channel=Channel.PERSONAL)), last=Max("id"))
        .order_by()
    )
    return {cid: (n, personal, last) for cid, n, personal, last in rows}


def _count(campaign_ids, questions):
    """Fresh tallies of these campaigns: {campaign id: {"values", "comments", "people"}}."""
    text = [q.code for q in questions if q.type == QuestionType.TEXT]
    multiple = [q.code for q in questions if q.type == QuestionType.MULTIPLE]
    tallies = {cid: {"values": {}, "comments": {}, "people": {}} for cid in campaign_ids}
    answers = Answer.objects.filter(response__campaign_id__in=campaign_ids)
    for cid, code, value, n in (
        answers.exclude(question_code__in=text)
        .values_list("response__campaign_id", "question_code", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        tallies[cid]["values"].setdefault(code, {})[value] = n
    if text:
        for cid, code, n in (
            answers.filter(question_code__in=text)
            .values_list("response__campaign_id", "question_code")
            .annotate(n=Count("id"))
            .order_by()
        ):
            tallies[cid]["comments"][code] = n
    if multiple:
        for cid, code, n in (
            answers.filter(question_code__in=multiple)
            .values_list("response__campaign_id", "question_code")
            .annotate(n=Count("response_id", distinct=True))
            .order_by()
        ):
            tallies[cid]["people"][code] = n
    return tallies


def tallies(campaigns, questions):
    """({campaign id: tally}, {campaign id: (responses, personal, last id)}) for campaigns with answers."""
    responses = _responses(campaigns)
    keys = {cid: f"surveys:tally:{cid}:{n}:{last}" for cid, (n, _personal, last) in responses.items()}
    kept = cache.get_many(list(keys.values()))
    found = {cid: kept[key] for cid, key in keys.items() if key in kept}
    missing = [cid for cid in keys if cid not in found]
    for start in range(0, len(missing), BATCH):
        fresh = _count(missing[start : start + BATCH], questions)
        cache.set_many({keys[cid]: tally for cid, tally in fresh.items()}, KEEP)
        found.update(fresh)
    return found, responses


def national(campaigns):
    """(per-region rows, overall Sufficiency, question results) of these campaigns, as the national page shows."""
    from centres.regions import Region

    questions = _questions(campaigns)
    likert = {q.code for q in questions if q.type == QuestionType.LIKERT}
    found, responses = tallies(campaigns, questions)
    invited = dict(
        Invitation.objects.filter(campaign__in=campaigns).values_list("campaign_id").annotate(n=Count("id")).order_by()
    )
    places, centres = {}, {}
    for pk, centre_id, region in Campaign.objects.filter(pk__in=campaigns).values_list(
        "pk", "centre_id", "centre__region"
    ):
        places[pk], centres[pk] = region, centre_id

    counts, comments, people = {}, {}, {}
    per_region = {}
    for cid, tally in found.items():
        for code, values in tally["values"].items():
            bucket = counts.setdefault(code, {})
            for value, n in values.items():
                bucket[value] = bucket.get(value, 0) + n
        for code, n in tally["comments"].items():
            comments[code] = comments.get(code, 0) + n
        for code, n in tally["people"].items():
            people[code] = people.get(code, 0) + n
        n, personal, _last = responses[cid]
        region = per_region.setdefault(
            places[cid], {"n": 0, "personal": 0, "invited": 0, "centres": set(), "total": 0, "satisfied": 0}
        )
        region["n"] += n
        region["personal"] += personal
        region["centres"].add(centres[cid])
        for code in likert & tally["values"].keys():
            for value, k in tally["values"][code].items():
                if value.isdigit():
                    region["total"] += k
                    region["satisfied"] += k if int(value) >= SATISFIED_FROM else 0
    for cid, n in invited.items():  # every campaign's invitations, answered or not
        if places[cid] in per_region:
            per_region[places[cid]]["invited"] += n
    rows = []
    for value, label in Region.choices:
        r = per_region.get(value)
        if not r:
            continue
        enough = Sufficiency(answers=r["n"], invited=r["invited"], personal_answers=r["personal"])
        rows.append(
            {
                "label": label,
                "responses": r["n"],
                "centres": len(r["centres"]),
                "sufficiency": enough,
                "index": percent(r["satisfied"], r["total"]) if enough.enough else None,
            }
        )
    overall = Sufficiency(
        answers=sum(n for n, _p, _l in responses.values()),
        invited=sum(invited.values()),
        personal_answers=sum(p for _n, p, _l in responses.values()),
    )
    return rows, overall, build_results(questions, counts, comments, people)
