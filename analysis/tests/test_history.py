"""Published national figures as data: the bundled 2020–2023, the import's checks, and the multi-year series."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command

from analysis import history, series
from analysis.models import NationalRecord
from analysis.tests import published_2024
from centres.models import CentreKind
from reports.importing import ImportRejected

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 3, 1)


def r2(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def csv_bytes(text):
    return text.encode("utf-8")


def problems_of(text):
    with pytest.raises(ImportRejected) as exc:
        history.validate(history.read_rows(csv_bytes(text)), today=TODAY)
    return {(p.row, p.column): p.reason for p in exc.value.problems}


# Every figure the published 2024 analysis (../shared/reference/analysis-2024-self-assessment-reports.bg.txt)
# states for 2020–2023, as the bundled records hold it; a figure it does not state stays empty.
PUBLISHED = {
    ("CPO", 2020): {
        "validation_procedures": 20,  # IV.2: "от 20 за 2020 г. на 45 за 2021 г."
        "validation_persons": 164,  # "164 за 2020 г., 654 лица през 2021 г."
    },
    ("CPO", 2021): {
        "non_conforming_pct": Decimal("1.00"),  # IV.1: "несъответстващите ... едва 1 %"
        "mean_total": Decimal("61.66"),  # the sum of the area means ("Задоволително" in 2021)
        "area_means": {"1": "14.26", "2": "35.75", "3": "11.65"},  # figure 4
        "validation_procedures": 45,
        "validation_persons": 654,
    },
    ("CPO", 2022): {
        "non_conforming_pct": Decimal("0.23"),  # "През 2022 г. този процент е сведен до 0.23%"
        "mean_total": Decimal("73.96"),
        "grade_counts": {"unsatisfactory": 31},  # IV.2: "2022 г. – 31 ЦПО"
        "area_means": {"1": "14.56", "2": "47.66", "3": "11.74"},
        "validation_procedures": 27,  # "27 процедури и 71 лица - 2022 г."
        "validation_persons": 71,
    },
    ("CPO", 2023): {
        "on_time_pct": Decimal("96.60"),  # IV.1: "спад от 3% (96.60 %)"
        "non_conforming_pct": Decimal("0.00"),  # "през последните две години (2023 г. и 2024 г.) е 0%"
        "mean_total": Decimal("75.31"),  # 76.86 in 2024 is 1.55 more, as IV.2 says
        "grade_counts": {"unsatisfactory": 15},  # "2023 г. - 15"
        "area_means": {"1": "13.89", "2": "48.92", "3": "12.50"},
        "validation_procedures": 18,  # "Проведени са 18 процедури от едва 9 центъра"
        "validation_centres": 9,
        "validation_persons": 137,
    },
    # V: the share of "no" answers per indicator (100 − the share of "yes" where the text gives that).
    ("CIPO", 2022): {
        "indicator_no_pct": {
            "1.1": "0.00",  # 100 % "yes" for the third year in a row in 2024
            "1.2": "35.00",  # website: "От 35% за 2022 г. на 31% за 2023 г."
            "1.3": "32.00",  # online services: "от 32% за 2022 г. на 28% за 2023 г."
            "1.4": "0.00",  # "през 2022 г. всички центрове ... са предлагали услуги на място"
            "2.1": "13.00",  # "през 2022 г. 87% ... измерват удовлетвореността"
            "2.2": "11.00",  # consultants' competences: "(2022 г. и 2023 г.) те са били 11%"
            "2.4": "16.00",  # links with institutions: "8% ..., 11% за 2023 г. и 16% за 2022 г."
        },
    },
    ("CIPO", 2023): {
        "indicator_no_pct": {
            "1.1": "0.00",
            "1.2": "31.00",
            "1.3": "28.00",
            "2.1": "5.00",  # "през 2023 г. - 95%"
            "2.2": "11.00",
            "2.3": "14.00",  # improving services: "в сравнение с 2023 г., когато са били 14%"
            "2.4": "11.00",
            "3.1": "0.00",  # following up placement: 100 % "yes" in 2023
        },
    },
}
EMPTY = {"grade_counts": {}, "grade_shares": {}, "area_means": {}, "criterion_means": {}, "indicator_no_pct": {}}
FIGURES = (*history.COUNTS, *history.PERCENTS, *history.MEANS, *EMPTY)


def test_a_fresh_system_has_every_published_2020_2023_figure_and_no_other():
    bundled = {(r.kind, r.year): r for r in NationalRecord.objects.all()}
    assert set(bundled) == set(PUBLISHED)
    for key, stated in PUBLISHED.items():
        record = bundled[key]
        held = {name: getattr(record, name) for name in FIGURES if getattr(record, name) not in (None, {})}
        assert held == stated, key


def test_the_published_mean_grades_follow_from_the_bundled_means():
    # IV.2: "от „Задоволително“ равнище през 2021 г на „Добро“ през 2022 г.", kept in 2023.
    cpo = series.build(CentreKind.CPO, 2023)
    assert [p.grade.code if p.grade else None for p in cpo.points.values()] == [None, "satisfactory", "good", "good"]


def test_the_bundled_history_reproduces_the_published_four_year_story(adam):
    published_2024.load(actor=adam)
    cpo = series.build(CentreKind.CPO, 2024)
    assert cpo.years == [2021, 2022, 2023, 2024]
    assert [v for _y, v in cpo.values(lambda p: p.unsatisfactory)][1:] == [31, 15, 5]
    assert [r2(v) for _y, v in cpo.values(lambda p: p.area_means.get("2"))] == [
        Decimal("35.75"),
        Decimal("47.66"),
        Decimal("48.92"),
        Decimal("50.11"),
    ]
    assert [r2(v) for _y, v in cpo.values(lambda p: p.area_means.get("3"))] == [
        Decimal("11.65"),
        Decimal("11.74"),
        Decimal("12.50"),
        Decimal("12.76"),
    ]
    assert [p.source for p in cpo.points.values()] == ["record", "record", "record", "reports"]
    assert [r2(v) for _y, v in cpo.values(lambda p: p.area_means.get("1"))] == [
        Decimal("14.26"),
        Decimal("14.56"),
        Decimal("13.89"),
        Decimal("13.99"),
    ]
    cipo = series.build(CentreKind.CIPO, 2024)
    assert [round(v) for _y, v in cipo.known(lambda p: p.indicator_no_pct.get("2.4"))] == [16, 11, 8]
    no = {
        code: [round(v) for _y, v in cipo.known(lambda p, c=code: p.indicator_no_pct.get(c))]
        for code in ("1.2", "1.3", "2.1", "2.2")
    }
    assert no["1.2"] == [35, 31, 33]  # the website: the highest "no" share for the third year
    assert no["1.3"] == [32, 28, 28]  # online services
    assert no["2.1"] == [13, 5, 0]  # measuring satisfaction: 87 % → 95 % → 100 % "yes"
    assert no["2.2"] == [11, 11, 6]  # consultants' competences: 11 % in 2022 and 2023, 5 points less in 2024


def test_change_is_given_in_points_and_in_per_cent_of_the_previous_value():
    points, per_cent = series.change(Decimal("13.99"), Decimal("13.89"))
    assert points == Decimal("0.10")
    assert per_cent.quantize(Decimal("0.01")) == Decimal("0.72")


def test_a_gap_year_is_left_out_of_the_series_not_invented():
    NationalRecord.objects.filter(kind=CentreKind.CPO, year=2022).delete()
    cpo = series.build(CentreKind.CPO, 2023)
    assert cpo.points[2022] is None
    assert cpo.values(lambda p: p.unsatisfactory) == [(2020, None), (2021, None), (2022, None), (2023, 15)]
    assert [y for y, _v in cpo.known(lambda p: p.area_means.get("1"))] == [2021, 2023]
    assert cpo.latest_before(2023, lambda p: p.area_means.get("1")) == (2021, Decimal("14.26"))


def test_reports_win_and_a_differing_record_is_shown_beside_them(adam):
    published_2024.load(actor=adam)
    NationalRecord.objects.create(
        kind=CentreKind.CPO, year=2024, submitted=800, mean_total=Decimal("76.86"), area_means={"2": "50.11"}
    )
    point = series.build(CentreKind.CPO, 2024).points[2024]
    assert point.source == "reports"
    assert point.submitted == 798
    assert [(what, stated) for what, _computed, stated in point.differences] == [("submitted", 800)]


def test_an_import_accepts_decimal_commas_and_points_and_saves_every_row(adam):
    text = (
        "kind;year;licensed;submitted;on_time;grade:excellent;grade:good;grade:satisfactory;grade:unsatisfactory;"
        "share:excellent;share:good;share:satisfactory;share:unsatisfactory;area:1;mean_total\n"
        "CPO;2019;900;850;840;60;700;80;10;7,06;82,35;9,41;1,18;14.5;70,25\n"
    )
    records = history.validate(history.read_rows(csv_bytes(text)), today=TODAY)
    history.save_records(records, actor=adam)
    saved = NationalRecord.objects.get(kind=CentreKind.CPO, year=2019)
    assert (saved.licensed, saved.submitted, saved.grade_counts["good"]) == (900, 850, 700)
    assert saved.area_means == {"1": "14.50"}
    assert saved.mean_total == Decimal("70.25")
    assert saved.updated_by == adam


def test_every_problem_of_a_bad_file_is_listed_with_row_and_column_and_nothing_is_saved():
    text = (
        "kind,year,licensed,submitted,on_time,grade:excellent,grade:good,grade:satisfactory,grade:unsatisfactory,"
        "share:excellent,share:good,share:satisfactory,share:unsatisfactory,area:1,colour\n"
        "CPO,2030,,,,,,,,,,,,,\n"
        'CPO,2019,100,120,90,10,60,20,5,10,60,20,5,"1.234,5",\n'
        "CPO,2018,100,90,80,10,60,10,5,,,,,,\n"
        "CPO,2018,100,90,80,,,,,,,,,,\n"
    )
    before = NationalRecord.objects.count()
    found = problems_of(text)
    assert (1, "colour") in found  # unknown column
    text = text.replace(",colour", "").replace(",\n", "\n")
    found = problems_of(text)
    assert NationalRecord.objects.count() == before
    assert (2, "year") in found  # a future year
    assert (3, "submitted") in found  # more reports than licensed centres
    assert (3, "share:*") in found  # 95 %, not 100 %
    assert (3, "area:1") in found  # ambiguous decimal
    assert (4, "grade:*") in found  # 85 centres by grade, 90 submitted
    assert (5, "year") in found  # the same kind and year twice


def test_the_command_imports_a_file_and_refuses_a_bad_one(tmp_path, adam):
    good = tmp_path / "good.csv"
    good.write_text("kind,year,licensed,validation_procedures\nCIPO,2021,40,\n", encoding="utf-8")
    call_command("import_national_history", str(good))
    assert NationalRecord.objects.get(kind=CentreKind.CIPO, year=2021).licensed == 40
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,year,licensed,submitted\nCIPO,2021,40,41\n", encoding="utf-8")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="submitted"):
        call_command("import_national_history", str(bad))
    assert NationalRecord.objects.get(kind=CentreKind.CIPO, year=2021).submitted is None
