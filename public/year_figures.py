"""A year's figures under the publication rules: a centre's year (activity, surveys) and the national
sums they add to. The counts come from public.aggregates; every figure passes through public.rules."""

from dataclasses import dataclass
from decimal import Decimal

from public import rules
from surveys.models import QuestionnaireKind

SURVEY_FIGURES = {
    QuestionnaireKind.TRAINEE: "trainee_satisfaction",
    QuestionnaireKind.GRADUATE: "graduate_satisfaction",
    QuestionnaireKind.EMPLOYER: "employer_satisfaction",
}


@dataclass
class ProfessionRow:
    profession_code: str
    profession_name: str
    specialty_code: str
    specialty_name: str
    enrolled: rules.Shown
    certified: rules.Shown


@dataclass
class NationalYear:
    year: int
    kind: str
    reports: int
    mean_total: Decimal | None
    area_means: dict
    completion: rules.Shown
    placement: rules.Shown
    trainee_satisfaction: rules.Shown
    graduate_satisfaction: rules.Shown
    employer_satisfaction: rules.Shown


class NationalSums:
    def __init__(self):
        self.reports = 0
        self.total = Decimal(0)
        self.with_total = 0
        self.areas = {}
        self.enrolled = self.certified = self.followed = self.placed = 0
        self.surveys = {kind: [0, 0, 0, 0, 0] for kind in SURVEY_FIGURES}

    def add_report(self, year):
        self.reports += 1
        if year.total is not None:
            self.total += Decimal(year.total)
            self.with_total += 1
        for code, points in year.areas.items():
            self.areas[code] = self.areas.get(code, Decimal(0)) + points

    def result(self, kind, year):
        def survey(kind_):
            answers, personal, invited, satisfied, total = self.surveys[kind_]
            return rules.survey_share(rules.sufficiency(answers, invited, personal), satisfied, total)

        return NationalYear(
            year=year,
            kind=kind,
            reports=self.reports,
            mean_total=self.total / self.with_total if self.with_total else None,
            area_means={code: s / self.reports for code, s in self.areas.items()},
            completion=rules.people_share(self.certified, self.enrolled),
            placement=rules.people_share(self.placed, self.followed),
            trainee_satisfaction=survey(QuestionnaireKind.TRAINEE),
            graduate_satisfaction=survey(QuestionnaireKind.GRADUATE),
            employer_satisfaction=survey(QuestionnaireKind.EMPLOYER),
        )


def add_activity(year, courses, header, validation_persons, professions, profession_names, specialties, sums):
    if courses is None and header is None:
        return
    year.has_activity = True
    courses = courses or []
    year.offers_validation = bool(validation_persons) or any(c[4] for c in courses)
    if header is not None:
        followed, employed, learning = header
        if followed:
            placed = (employed or 0) + (learning or 0)
            year.placement = rules.people_share(placed, followed)
            sums.followed += followed
            sums.placed += placed
    if not courses:
        return  # a CIPO's year, or a CPO that ran no course: no trainees to count
    enrolled = sum(c[2] for c in courses)
    certified = sum(c[3] for c in courses)
    year.enrolled = rules.people_count(enrolled)
    year.certified = rules.people_count(certified)
    year.completion = rules.people_share(certified, enrolled)
    sums.enrolled += enrolled
    sums.certified += certified
    # One row per profession and specialty; small groups hidden, never broken down.
    grouped = {}
    specialty_names = {}
    for profession_id, specialty_id, n_enrolled, n_certified, _v in courses:
        code, name, _p = specialties.get(specialty_id, ("", "", None))
        specialty_names[code] = name
        key = (professions.get(profession_id, ""), code)
        counts = grouped.setdefault(key, [0, 0])
        counts[0] += n_enrolled
        counts[1] += n_certified
    shown_enrolled = rules.breakdown({key: c[0] for key, c in grouped.items()})
    shown_certified = rules.breakdown({key: c[1] for key, c in grouped.items()})
    for (p_code, s_code), (n_enrolled, _n_certified) in sorted(grouped.items()):
        certified_figure = shown_certified[(p_code, s_code)]
        if not shown_enrolled[(p_code, s_code)].shown:
            # A small group is not broken down into its graduates.
            certified_figure = rules.hidden(rules.FEWER_THAN_5) if n_enrolled < rules.MIN_PEOPLE else certified_figure
        year.professions.append(
            ProfessionRow(
                profession_code=p_code,
                profession_name=profession_names.get(p_code, ""),
                specialty_code=s_code,
                specialty_name=specialty_names.get(s_code, ""),
                enrolled=shown_enrolled[(p_code, s_code)],
                certified=certified_figure,
            )
        )


def add_surveys(year, by_kind, sums):
    for kind, attribute in SURVEY_FIGURES.items():
        counts = by_kind.get(kind)
        if not counts:
            continue
        answers, personal, invited, satisfied, total = counts
        setattr(year, attribute, rules.survey_share(rules.sufficiency(answers, invited, personal), satisfied, total))
        national = sums.surveys[kind]
        for i, value in enumerate(counts):
            national[i] += value
