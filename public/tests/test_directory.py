"""The directory: tolerant search, every filter and sort from the URL, the count and the pages."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import make_centre
from public.search import query_terms, search_key
from public.tests import factories as f

pytestmark = pytest.mark.django_db


def names(client, query=""):
    html = client.get(reverse("public:directory") + ("?" + query if query else "")).content.decode()
    return re.findall(r'<h2><a href="/centres/\d+/[^"]*">([^<]+)</a></h2>', html)


@pytest.fixture
def centres(db):
    alfa = make_centre("200812001", "ЦПО към „Алфа“ ЕООД", region="Пловдив", municipality="Пловдив", iso_9001=True)
    beta = make_centre("200812002", "ЦПО „Бета“ ООД", region="Варна", municipality="Варна")
    gama = make_centre("300112001", "ЦИПО „Гама“", kind="CIPO", region="Русе", municipality="Русе")
    gone = make_centre(
        "200812003", "ЦПО „Делта“", licence_revoked_on=dt.date(2020, 1, 1), licensed_on=dt.date(2015, 1, 1)
    )
    f.report(alfa, 2024)  # excellent
    f.report(beta, 2024, fraction=Decimal("0.6"))  # lower
    f.activity(alfa, 2024, courses=((814010, 20, 15),), followed=20, placed=18)
    f.activity(beta, 2024, courses=((811070, 30, 20),), followed=20, placed=10)
    f.survey(beta, 2024, answers=12, satisfied=11)
    return alfa, beta, gama, gone


@pytest.mark.parametrize(
    "typed",
    [
        "алфа",
        "АЛФА",
        "Алфа",
        "„Алфа“",
        '"алфа"',
        "ЦПО към Алфа",
        "цпо алфа еоод",
        "Aлфa",
        "alfa",
        "200812001",
        "2008120",
    ],
)
def test_search_is_tolerant(client, centres, typed):
    from urllib.parse import urlencode

    assert names(client, urlencode({"q": typed}))[0] == "ЦПО към „Алфа“ ЕООД"


def test_search_keys_drop_the_generic_words():
    assert search_key("ЦПО към „Алфа“ ЕООД") == "алфа"
    assert query_terms("ЦПО към") == []
    assert "алфа" in query_terms("alfa")[0]  # a word typed in Latin is also read in transliteration


def test_filters_each_narrow_the_list(client, centres):
    assert names(client, "region=Варна") == ["ЦПО „Бета“ ООД"]
    assert names(client, "kind=CIPO") == ["ЦИПО „Гама“"]
    assert names(client, "municipality=Пловдив") == ["ЦПО към „Алфа“ ЕООД"]
    assert names(client, "profession=814010") == ["ЦПО към „Алфа“ ЕООД"]
    assert names(client, "field=811") == ["ЦПО „Бета“ ООД"]
    assert names(client, "grade=excellent") == ["ЦПО към „Алфа“ ЕООД"]
    assert names(client, "iso=1") == ["ЦПО към „Алфа“ ЕООД"]
    assert names(client, "surveys=1") == ["ЦПО „Бета“ ООД"]
    assert "ЦИПО „Гама“" in names(client, "grade=none")


def test_revoked_centres_only_when_asked_and_marked(client, centres):
    assert "ЦПО „Делта“" not in names(client)
    html = client.get(reverse("public:directory") + "?revoked=1").content.decode()
    assert "ЦПО „Делта“" in html and 'class="revoked"' in html


def test_sorts(client, centres):
    assert names(client)[:2] == ["ЦПО към „Алфа“ ЕООД", "ЦПО „Бета“ ООД"]  # by name, without the prefix
    assert names(client, "sort=grade")[0] == "ЦПО към „Алфа“ ЕООД"
    assert names(client, "sort=placement")[0] == "ЦПО към „Алфа“ ЕООД"  # 90 % before 50 %
    assert names(client, "sort=satisfaction")[0] == "ЦПО „Бета“ ООД"  # the only one with results


def test_the_count_and_the_pages_keep_the_filters(client, db):
    for i in range(45):
        make_centre(f"2099{i:05d}", f"ЦПО „Тест {i:02d}“", region="Варна")
    html = client.get(reverse("public:directory") + "?region=Варна").content.decode()
    assert "Намерени са 45 центъра" in html
    assert "region=%D0%92%D0%B0%D1%80%D0%BD%D0%B0&amp;page=2" in html
    assert len(names(client, "region=Варна&page=3")) == 5


def test_add_to_comparison_links_carry_the_chosen_centres(client, centres):
    alfa, beta, *_ = centres
    html = client.get(reverse("public:directory") + f"?c={alfa.licence_number}").content.decode()
    assert f"?c={alfa.licence_number}&amp;c={beta.licence_number}" in html
    assert f'href="/compare/?c={alfa.licence_number}"' in html


def test_profile_shows_revoked_licence_and_small_counts_in_words(client, db):
    gone = make_centre("200812009", "ЦПО „Отнет“", licence_revoked_on=dt.date(2025, 3, 4))
    f.report(gone, 2024)
    f.activity(gone, 2024, courses=((814010, 4, 3), (815010, 30, 25), (811070, 12, 10)))
    html = client.get(reverse("public:profile", args=[gone.licence_number])).content.decode()
    assert "лицензията е отнета на 4 март 2025 г." in html
    assert "по-малко от 5" in html
    assert '<span class="grade' not in html.split("Текуща оценка")[1].split("</p>")[0]


def test_a_profile_opened_from_a_comparison_list_adds_itself_to_it(client, centres):
    alfa, beta, *_ = centres
    html = client.get(reverse("public:directory") + f"?c={alfa.licence_number}").content.decode()
    assert f'href="/centres/{beta.licence_number}/?c={alfa.licence_number}"' in html
    profile = client.get(f"/centres/{beta.licence_number}/?c={alfa.licence_number}").content.decode()
    assert f'href="/compare/?c={alfa.licence_number}&amp;c={beta.licence_number}"' in profile
    from django.conf import settings

    assert f'<link rel="canonical" href="{settings.SITE_URL}/centres/{beta.licence_number}/">' in profile
