"""The survey answers export's exact CSV rows over every question type (Likert, single and multiple
choice, text): the export is tuned for speed, and this pins what it must keep writing."""

import datetime as dt

from django.utils.translation import override

from exports import writers
from surveys import exports
from surveys.models import Response

from .conftest import YEAR, answer, make_campaign


def _csv(params, tmp_path):
    path = tmp_path / "answers.csv"
    with override("bg"):
        writers.write_csv(path, exports.table(params))
    return path.read_bytes().decode("utf-8")


def _submitted(response, *args):
    Response.objects.filter(pk=response.pk).update(submitted_at=dt.datetime(*args, tzinfo=dt.UTC))


def test_csv_rows_of_every_question_type_are_exact(eddie, tmp_path):
    campaign = make_campaign(eddie, code="graduate", followup_months=6)
    full = answer(
        campaign,
        {
            "employment": "occupation",
            "relevance": "5",
            "satisfaction": "4",
            "job_search": ["contacts", "ads"],
            "comment": "=SUM(A1); още",
        },
    )
    partial = answer(campaign, {"employment": "unemployed", "relevance": "2", "satisfaction": "3"})
    # Both after midnight in Sofia, before it in UTC: winter (UTC+2) and the first night of summer time (UTC+3).
    _submitted(full, 2025, 1, 10, 22, 15)
    _submitted(partial, 2025, 3, 30, 21, 30)
    centre = eddie.centre
    head = f"{centre.licence_number};{centre.name};Пловдив;graduate {YEAR};{campaign.version.number};6"
    lines = _csv({"questionnaire": "graduate", "year": YEAR}, tmp_path).split("\r\n")
    assert lines[0] == (
        "\ufeff№ на отговора;Дата;Лиценз на центъра;Център;Област;Проучване;Версия на въпросника;"
        "Месеци след завършването;Каква е Вашата заетост в момента?;Каква е Вашата заетост в момента? (код);"
        "Доколко полезни са придобитите знания и умения за настоящата Ви работа или обучение?;"
        "Доколко сте удовлетворени от качеството на професионалната подготовка, която получихте?;"
        "Как намерихте настоящата си работа?;Как намерихте настоящата си работа? (код);"
        "Какво бихте искали да добавите?"
    )
    assert lines[1] == (
        "response;submitted_on;centre_licence;centre;region;campaign;version;wave_months;"
        "employment;employment_code;relevance;satisfaction;job_search;job_search_code;comment"
    )
    assert lines[2:] == [
        f"{full.pk};11.01.2025;{head};Работя по професията, по която съм обучен(а);occupation;5;4;"
        f'"Чрез познати; Чрез обяви";"contacts; ads";"\'=SUM(A1); още"',
        f"{partial.pk};31.03.2025;{head};Безработен(а) съм;unemployed;2;3;;;",
        "",
    ]
