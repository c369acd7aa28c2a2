"""Demo survey data: campaigns and anonymous answers for the demo centres and a national sample.

Each demo CPO gets, per recent year, a trainee survey with enough answers (it feeds criterion 2.11),
a 12-month graduate follow-up with a response rate above 50 % (3.1, 2.12) and an employer survey with
too few answers (shown as "too few answers"). Everything is bulk-inserted.
"""

import datetime as dt

from django.utils import timezone

from centres.models import CentreKind
from surveys import lookup
from surveys.models import (
    Answer,
    Campaign,
    CampaignMode,
    Channel,
    Invitation,
    Questionnaire,
    QuestionnaireVersion,
    QuestionType,
    Response,
    new_token,
)

NATIONAL_SAMPLE = 60


def _likert(rng, mood):
    """A 1–5 answer leaning to `mood` (0–1: share of satisfied people)."""
    if rng.random() < mood:
        return rng.choice((4, 5, 5))
    return rng.choice((1, 2, 3, 3))


def _answers_for(rng, questions, mood, placement):
    rows = []
    for q in questions:
        if q.type == QuestionType.LIKERT:
            value = _likert(rng, mood)
            rows.append((q, str(value), value))
        elif q.type == QuestionType.SINGLE:
            if q.code == "employment":
                placed = rng.random() < placement
                value = rng.choice(("occupation", "occupation", "other_job", "learning")) if placed else "unemployed"
            else:
                value = rng.choice(q.option_values())
            rows.append((q, value, None))
        elif q.type == QuestionType.MULTIPLE and not q.required and rng.random() < 0.5:
            for value in rng.sample(q.option_values(), rng.randint(1, 2)):
                rows.append((q, value, None))
        elif q.type == QuestionType.TEXT and rng.random() < 0.15:
            rows.append((q, rng.choice(("Повече практика.", "Всичко беше добре.", "По-гъвкав график.")), None))
    return rows


class _Batch:
    def __init__(self):
        self.campaigns, self.plans = [], []  # plans: (campaign, invited, answered, mood, placement)

    def add(self, campaign, invited, answered, mood, placement=0.7):
        self.campaigns.append(campaign)
        self.plans.append((campaign, invited, answered, mood, placement))


def seed(ctx):
    rng = ctx.rng
    versions = {q.kind: q.current_version() for q in Questionnaire.objects.all()}
    questions = {kind: list(v.questions.all()) for kind, v in versions.items()}
    kind_of = {v.pk: kind for kind, v in versions.items()}
    years = ctx.years[-2:] if ctx.years else ()
    demo = [c for c in ctx.data.get("demo_centres", []) if c.kind == CentreKind.CPO]
    others = [c for c in ctx.data.get("cpo_centres", []) if c not in demo]
    sample = rng.sample(others, min(NATIONAL_SAMPLE, len(others)))
    batch = _Batch()

    def campaign(centre, kind, year, label, mode, months=None):
        return Campaign(
            centre=centre,
            version=versions[kind],
            label=label,
            year=year,
            opens_on=dt.date(year, 11, 1),
            closes_on=dt.date(year + (1 if months else 0), 12, 15),
            mode=mode,
            followup_months=months,
            open_token=new_token(),
        )

    for centre in demo:
        for year in years:
            mood = rng.uniform(0.75, 0.95)
            batch.add(
                campaign(centre, "trainee", year, f"Курсисти {year}", CampaignMode.OPEN), 0, rng.randint(25, 40), mood
            )
            batch.add(
                campaign(
                    centre, "graduate", year, f"Проследяване 12 месеца — завършили {year}", CampaignMode.PERSONAL, 12
                ),
                30,
                rng.randint(16, 24),
                mood - 0.05,
                rng.uniform(0.55, 0.85),
            )
            batch.add(campaign(centre, "employer", year, f"Работодатели {year}", CampaignMode.PERSONAL), 10, 6, mood)
    if years:
        for centre in sample:
            answered = rng.choice((6, 12, 15, 20, 25))
            batch.add(
                campaign(centre, "trainee", years[-1], f"Курсисти {years[-1]}", CampaignMode.OPEN),
                0,
                answered,
                rng.uniform(0.5, 0.95),
            )

    # A campaign running today at each demo centre, so the public form can be tried at once
    # (its open link is on the campaign's page); a dozen answers already in.
    today = timezone.localdate()
    for centre in demo:
        running = campaign(centre, "trainee", today.year, f"Курсисти — текущ курс {today.year}", CampaignMode.OPEN)
        running.opens_on, running.closes_on = today - dt.timedelta(days=10), today + dt.timedelta(days=20)
        batch.add(running, 0, 12, rng.uniform(0.75, 0.95))

    Campaign.objects.bulk_create(batch.campaigns, batch_size=500)
    now = timezone.now()
    invitations, responses, answer_plan = [], [], []
    for index, (camp, invited, answered, mood, placement) in enumerate(batch.plans, start=1):
        if camp.mode == CampaignMode.PERSONAL:
            sent = timezone.make_aware(dt.datetime.combine(camp.opens_on, dt.time(9)))
            for n in range(invited):
                invitations.append(
                    Invitation(
                        campaign=camp,
                        email=f"respondent{n}.{camp.pk}@example.bg",
                        sent_at=sent,
                        reminded_at=sent + dt.timedelta(days=7),
                        answered_at=sent + dt.timedelta(days=2) if n < answered else None,
                    )
                )
        submitted = timezone.make_aware(dt.datetime.combine(camp.opens_on + dt.timedelta(days=3), dt.time(12)))
        for _ in range(answered):
            response = Response(
                campaign=camp,
                channel=Channel.PERSONAL if camp.mode == CampaignMode.PERSONAL else Channel.OPEN,
                submitted_at=min(submitted, now),
                wave_months=camp.followup_months,
            )
            responses.append(response)
            answer_plan.append((response, _answers_for(rng, questions[kind_of[camp.version_id]], mood, placement)))
        ctx.progress("survey campaigns", index, len(batch.plans))
    Invitation.objects.bulk_create(invitations, batch_size=1000)
    Response.objects.bulk_create(responses, batch_size=1000)
    Answer.objects.bulk_create(
        (
            Answer(response=response, question=q, question_code=q.code, value=value, number=number)
            for response, rows in answer_plan
            for q, value, number in rows
        ),
        batch_size=2000,
    )
    QuestionnaireVersion.objects.filter(pk__in=[v.pk for v in versions.values()]).update(frozen=True)
    lookup.forget()  # an update() sends no post_save
    ctx.stdout.write(f"  {len(batch.campaigns)} survey campaigns, {len(responses)} answers")
