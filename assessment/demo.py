"""Demo data for independent assessment: a sector council and a centre for independent assessment with
their assessors and users, graduates of the last finished year registered for follow-up, a drawn sample,
finished sessions with independent and agreed marks (some published), and employers' competence ratings.

Everything goes through the services, so the demo shows what the real steps leave behind. The cooks
are split between the two variants, so the pilot comparison has a profession in common.
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import Role, User
from activity.models import ActivityReport, Course, CourseKind, Funding, Profession
from assessment import services
from assessment.models import (
    Affiliation,
    AssessmentBody,
    Assessor,
    BodyKind,
    BodyMembership,
    Component,
    ParticipantStatus,
    ProfessionalField,
    Session,
)
from assessment.outcomes import current_set
from surveys import services as survey_services
from surveys.models import FollowUpWave, Graduate

DEMO_PASSWORD = "vetquality-demo"
COOK, WELDER, CARER = "811070", "521110", "762040"
CENTRES_PER_PROFESSION = 4
FIRST_NAMES = ["Иван", "Мария", "Георги", "Елена", "Петър", "Десислава", "Николай", "Радостина", "Стефан", "Антония"]
LAST_NAMES = ["Иванов", "Петрова", "Георгиев", "Димитрова", "Стоянов", "Колева", "Николов", "Ангелова"]

ASSESSORS = {
    # body key: [(name, qualification, affiliation, organisation, professions)]
    "council": [
        ("Красимир Попов", "Главен готвач, 20 години практика", Affiliation.EMPLOYER, "Хотел „Черно море“ АД", [COOK]),
        ("Светла Маринова", "Инспектор по безопасност на храните", Affiliation.TRADE_UNION, "КНСБ", [COOK, CARER]),
        ("Веселина Тодорова", "Медицинска сестра, управител", Affiliation.EMPLOYER, "Дом за грижи „Надежда“", [CARER]),
        ("Пламен Христов", "Преподавател по кулинария", Affiliation.EXPERT, "", [COOK]),
    ],
    "centre": [
        (
            "Огнян Дончев",
            "Международен инженер по заваряване (IWE)",
            Affiliation.EMPLOYER,
            "Завод „Металик“ ЕАД",
            [WELDER],
        ),
        ("Милена Асенова", "Ръководител „Качество“", Affiliation.TRADE_UNION, "Подкрепа", [WELDER, COOK]),
        ("Даниела Кирова", "Собственик на ресторант", Affiliation.EMPLOYER, "Ресторант „Старият град“", [COOK]),
    ],
}


def _bodies(password):
    council = AssessmentBody.objects.create(
        name="Секторен съвет за квалификация „Туризъм и социални услуги“",
        kind=BodyKind.SECTOR_COUNCIL,
        email="council@demo.vetquality.bg",
    )
    council.fields.add(*ProfessionalField.objects.filter(code__in=["811", "762"]))
    centre = AssessmentBody.objects.create(
        name="Център за независимо оценяване „Мерило“",
        kind=BodyKind.INDEPENDENT_CENTRE,
        email="merilo@demo.vetquality.bg",
    )
    centre.fields.add(*ProfessionalField.objects.filter(code="521"))
    centre.professions.add(Profession.objects.get(code=COOK))
    bodies = {"council": council, "centre": centre}
    professions = {p.code: p for p in Profession.objects.filter(code__in=[COOK, WELDER, CARER])}
    for key, people in ASSESSORS.items():
        for name, qualification, affiliation, organisation, codes in people:
            assessor = Assessor.objects.create(
                body=bodies[key],
                name=name,
                qualification=qualification,
                affiliation=affiliation,
                organisation=organisation,
            )
            assessor.professions.add(*(professions[c] for c in codes))
    for username, key, first, last in (
        ("council", "council", "Калина", "Вълчева"),
        ("merilo", "centre", "Тодор", "Манев"),
    ):
        user = User.objects.create(
            username=username,
            password=password,
            role=Role.ASSESSMENT_BODY,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.vetquality.bg",
        )
        BodyMembership.objects.create(user=user, body=bodies[key])
    return bodies


def _course(centre, profession, year, rng):
    """A finished course of the profession in the centre's activity information of `year`."""
    activity, _created = ActivityReport.objects.get_or_create(centre=centre, year=year)
    start = dt.date(year, rng.randint(1, 4), rng.randint(1, 28))
    certified = rng.randint(8, 14)
    admitted = certified
    return Course.objects.create(
        activity=activity,
        profession=profession,
        specialty=profession.specialties.first(),
        kind=CourseKind.DEGREE,
        degree=2,
        region=centre.region,
        start_date=start,
        end_date=start + dt.timedelta(days=rng.randint(120, 180)),
        hours=660,
        price=rng.randrange(600, 1400, 10),
        funding=Funding.OWN,
        enrolled=certified + rng.randint(0, 2),
        certified=certified,
        exam_admitted=admitted,
        exam_passed=admitted - rng.choice([0, 0, 0, 1]),
    )


def _graduates(ctx, year):
    """Graduates registered for follow-up: of the demo CPO (cooks) and of a few other centres per profession."""
    rng = ctx.rng
    demo = [c for c in ctx.data.get("demo_centres", []) if c.kind == "CPO"]
    others = [c for c in ctx.data.get("cpo_centres", []) if c not in demo and c.is_licensed_on(dt.date(year, 12, 31))]
    chosen = {COOK: demo[:2], WELDER: demo[2:3], CARER: []}
    pool = rng.sample(others, min(len(others), CENTRES_PER_PROFESSION * 3))
    for index, code in enumerate((COOK, WELDER, CARER)):
        chosen[code] = chosen[code] + pool[index * CENTRES_PER_PROFESSION : (index + 1) * CENTRES_PER_PROFESSION]
        chosen[code] = chosen[code][:CENTRES_PER_PROFESSION]
    rows, serial = [], 0
    for code, centres in chosen.items():
        profession = Profession.objects.get(code=code)
        for centre in centres:
            course = _course(centre, profession, year, rng)
            for _ in range(course.certified):
                serial += 1
                rows.append(
                    Graduate(
                        centre=centre,
                        email=f"graduate{serial}@demo.vetquality.bg",
                        name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                        course=course,
                        course_label=str(course),
                        completed_on=course.end_date,
                        consent=rng.random() < 0.85,
                    )
                )
    graduates = Graduate.objects.bulk_create(rows)
    FollowUpWave.objects.bulk_create(
        FollowUpWave(graduate=g, months=m, due_on=g.completed_on + relativedelta(months=m))
        for g in graduates
        for m in (6, 12)
    )
    return chosen


def _value(outcome_set, ability, rng):
    """A mark on the profession's scale around the graduate's ability (0–1)."""
    values = outcome_set.scale_values()
    position = ability * (len(values) - 1) + rng.uniform(-0.8, 0.8)
    return values[max(0, min(len(values) - 1, round(position)))]


def _run(session, actor, rng, strict_centre_ids):
    services.invite(actor, session=session, base_url="https://vetquality.navet.bg")
    outcome_set = session.outcome_set
    units = list(outcome_set.units.all())
    first, second = (a.assessor for a in session.assignments.order_by("id")[:2])
    for participant in session.participants.select_related("member"):
        roll = rng.random()
        if roll < 0.1:
            services.respond(participant, accept=False)
            continue
        if roll < 0.15:
            continue  # never answered
        services.respond(participant, accept=True, consent=True)
        participant.status = ParticipantStatus.ACCEPTED
        # Graduates of some centres do markedly worse outside their centre: the gap the demo shows.
        ability = rng.uniform(0.15, 0.7) if participant.member.centre_id in strict_centre_ids else rng.uniform(0.45, 1)
        agreed = {(u, c): _value(outcome_set, ability, rng) for u in units for c in Component.values}
        for assessor in (first, second):
            marks = {
                key: value if rng.random() < 0.75 else _value(outcome_set, ability, rng)
                for key, value in agreed.items()
            }
            services.record_marks(actor, session=session, participant=participant, assessor=assessor, marks=marks)
        services.record_marks(actor, session=session, participant=participant, marks=agreed)
    services.finish_session(actor, session=session)


def _session(body, sample, code, held_on, place, centres=None):
    profession = Profession.objects.get(code=code)
    actor = body.members.first().user
    try:
        session = services.plan_session(
            actor, body=body, sample=sample, profession=profession, held_on=held_on, place=place, centres=centres
        )
    except services.Refused:
        return None, actor  # nobody of the profession in the sample
    qualified = list(body.assessors.filter(professions=profession).order_by("id"))
    employer = next(a for a in qualified if a.affiliation == Affiliation.EMPLOYER)
    panel = [employer, next(a for a in qualified if a != employer)]
    for assessor in panel:
        for centre in services.session_centres(session):
            services.declare(
                actor=actor, session=session, assessor=assessor, centre=centre, today=held_on - dt.timedelta(days=14)
            )
        services.assign_assessor(actor, session=session, assessor=assessor)
    return session, actor


def _ratings(ctx, expert, year):
    rng = ctx.rng
    today = timezone.localdate()
    campaigns = services.open_competence_monitoring(expert, year=year, months=6, today=today)
    campaigns += services.open_competence_monitoring(expert, year=year, months=12, today=today)
    for index, campaign in enumerate(campaigns):
        questions = list(campaign.version.questions.all())
        answers = 12 if index % 3 else 4  # every third below the publication threshold
        mood = rng.uniform(0.4, 0.9)
        for _ in range(answers):
            cleaned = {
                f"q_{q.code}": (rng.choice((4, 5)) if rng.random() < mood else rng.choice((2, 3)))
                for q in questions
                if q.type == "likert"
            }
            survey_services.submit_response(campaign, questions, cleaned, today=today)
    return len(campaigns)


def seed(ctx):
    if not ctx.years:
        return
    year = ctx.years[-1]
    if any(current_set(Profession.objects.get(code=c), year) is None for c in (COOK, WELDER, CARER)):
        return  # the bundled outcomes are not loaded (an unusual database): nothing to assess
    bodies = _bodies(make_password(DEMO_PASSWORD))
    chosen = _graduates(ctx, year)
    expert = User.objects.filter(role=Role.EXPERT).order_by("id").first()
    eligible = Graduate.objects.filter(completed_on__year=year, consent=True, course__isnull=False).count()
    sample = services.draw_sample(
        expert, year=year, source="followup", size=min(60, eligible), min_per_centre=3, seed=2024 + year
    )
    drawn_on = dt.date(year + 1, 1, 20)
    sample.drawn_at = timezone.make_aware(dt.datetime.combine(drawn_on, dt.time(10)))
    sample.save(update_fields=["drawn_at"])
    cooks = chosen[COOK]
    strict = {cooks[0].pk, chosen[WELDER][0].pk} if cooks and chosen[WELDER] else set()
    plans = [
        (
            bodies["council"],
            COOK,
            dt.date(year + 1, 3, 12),
            "София, Професионална гимназия по туризъм",
            cooks[: len(cooks) // 2],
            25,
        ),
        (bodies["council"], CARER, dt.date(year + 1, 3, 26), "Пловдив, учебен център на БЧК", None, 40),
        (bodies["centre"], COOK, dt.date(year + 1, 4, 2), "Варна, учебна кухня „Мерило“", cooks[len(cooks) // 2 :], 55),
        (bodies["centre"], WELDER, dt.date(year + 1, 4, 16), "Русе, заваръчен център „Мерило“", None, 60),
    ]
    for index, (body, code, held_on, place, centres, days) in enumerate(plans):
        session, actor = _session(body, sample, code, held_on, place, centres)
        if session is None:
            continue
        _run(session, actor, ctx.rng, strict)
        Session.objects.filter(pk=session.pk).update(
            finished_at=timezone.make_aware(dt.datetime.combine(drawn_on + dt.timedelta(days=days), dt.time(16)))
        )
        if index != 3:  # the last one waits for the agency to publish it
            services.publish_session(expert, session=session)
    campaigns = _ratings(ctx, expert, year)
    ctx.progress("independent assessment", 1, 1)
    ctx.stdout.write(f"  sample of {sample.members.count()} graduates, {campaigns} competence surveys")
