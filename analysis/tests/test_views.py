import datetime as dt
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from analysis.models import AnalysisText
from audit.models import AuditEntry
from frameworks.models import Framework
from reports.bulk import SubmittedEntry, create_submitted_reports
from reports.deadlines import SOFIA

pytestmark = pytest.mark.django_db

PAGES = [
    "/analysis/",
    "/analysis/2024/",
    "/analysis/2024/texts/",
    "/analysis/2024/tables/areas.csv",
    "/analysis/2024/tables/cipo.xlsx",
    "/analysis/2024/reports.xlsx",
    "/analysis/2024/analysis.docx",
]


@pytest.fixture
def two_reports(centre_a, centre_b, adam):
    cpo = Framework.objects.get(code="CPO-2018")
    full = {c.code: c.max_points for c in cpo.criteria.all()}
    low = {c.code: min(lv.points for lv in c.levels.all()) for c in cpo.criteria.all()}
    at = dt.datetime(2025, 1, 20, 10, tzinfo=SOFIA)
    return create_submitted_reports(
        [SubmittedEntry(centre_a, at, full), SubmittedEntry(centre_b, at, low)], year=2024, framework=cpo, actor=adam
    )


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_is_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("url", PAGES + ["/analysis/import/"])
def test_centre_users_are_refused(client_for, dora, url):
    assert client_for(dora).get(url).status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_agency_expert_gets_every_page(client_for, erin, two_reports, url):
    response = client_for(erin).get(url, follow=url == "/analysis/")
    assert response.status_code == 200


def test_import_page_is_for_agency_admins_only(client, client_for, erin, adam):
    assert client.get("/analysis/import/").status_code == 302
    assert client_for(erin).get("/analysis/import/").status_code == 403
    assert client_for(adam).get("/analysis/import/").status_code == 200


def test_dashboard_is_live_and_filters_by_region(client_for, erin, two_reports):
    client = client_for(erin)
    html = client.get("/analysis/2024/").content.decode()
    assert "Отлично" in html and "<svg" not in html  # charts come as images
    from analysis import narrative
    from analysis.overview import analysis_figures

    figures_in_document = [b for b in narrative.build(analysis_figures(2024)) if isinstance(b, narrative.FigureBlock)]
    assert html.count('src="data:image/svg+xml;base64,') == len(figures_in_document) >= 6  # each beside its text
    assert "Методика:" in html  # the narrative is on the page
    varna = client.get("/analysis/2024/tables/centres.csv?region=Варна").content.decode("utf-8-sig")
    assert "ЦПО, подали доклад за самооценка;1;100,00" in varna  # for people: ';' and a decimal comma
    data = client.get("/analysis/2024/tables/centres.data.csv?region=Варна").content.decode("utf-8")
    assert '"ЦПО, подали доклад за самооценка",1,100.00' in data  # for programs
    years = client.get("/analysis/2024/tables/areas_years.csv").content.decode("utf-8-sig")
    assert "2021;14,26" in years  # the published history in the series tables


def test_dashboard_queries_do_not_grow_with_reports(client_for, erin, two_reports, adam):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conftest import make_centre

    client = client_for(erin)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/analysis/2024/").status_code == 200
        return len(ctx.captured_queries)

    from frameworks import structure

    structure.frameworks()  # kept by the process from its first read on: both counts below find it kept
    few = count()
    cpo = Framework.objects.get(code="CPO-2018")
    points = {c.code: c.max_points for c in cpo.criteria.all()}
    at = dt.datetime(2025, 1, 20, 10, tzinfo=SOFIA)
    more = [make_centre(f"2008199{i:02d}", f"ЦПО {i}", region="Варна") for i in range(6)]
    create_submitted_reports(
        [SubmittedEntry(c, at, points, {"6": f"Практика {i}"}) for i, c in enumerate(more)],
        year=2024,
        framework=cpo,
        actor=adam,
    )
    assert count() == few <= 70


def test_unknown_table_or_format_is_404(client_for, erin):
    client = client_for(erin)
    assert client.get("/analysis/2024/tables/nope.csv").status_code == 404
    assert client.get("/analysis/2024/tables/areas.exe").status_code == 404
    assert client.get("/analysis/2024/analysis.exe").status_code == 404
    assert client.get("/analysis/1900/").status_code == 404


def test_pdf_is_generated(client_for, erin, two_reports):
    response = client_for(erin).get("/analysis/2024/analysis.pdf")
    assert response.status_code == 200
    assert response.content[:5] == b"%PDF-"


def test_expert_saves_conclusions_used_by_the_document(client_for, erin, two_reports):
    client = client_for(erin)
    form = client.get("/analysis/2024/texts/").content.decode()
    assert "Осредненото равнище на качеството за 2024" in form  # generated default
    response = client.post(
        "/analysis/2024/texts/",
        {
            "conclusions": "Първи извод.\nВтори извод.",
            "recommendations_cpo": "Препоръка А.",
            "recommendations_cipo": "",
        },
    )
    assert response.status_code == 302
    text = AnalysisText.objects.get(year=2024, region="")
    assert text.updated_by == erin
    assert AuditEntry.objects.filter(action="analysis_text", actor=erin).exists()
    from io import BytesIO

    from docx import Document

    doc = Document(BytesIO(client.get("/analysis/2024/analysis.docx").content))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "Втори извод." in paragraphs
    assert "Препоръка А." in paragraphs


def test_reports_export_has_a_row_per_centre_and_no_formulas(client_for, erin, centre_a, centre_b, adam):
    centre_b.name = '=HYPERLINK("http://evil")'
    centre_b.save()
    cpo = Framework.objects.get(code="CPO-2018")
    full = {c.code: c.max_points for c in cpo.criteria.all()}
    create_submitted_reports(
        [SubmittedEntry(centre_a, dt.datetime(2025, 1, 5, tzinfo=SOFIA), full)], year=2024, framework=cpo, actor=adam
    )
    response = client_for(erin).get("/analysis/2024/reports.xlsx")
    wb = load_workbook(BytesIO_of(response))
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 3  # header, centre A, centre B (licensed, not submitted)
    assert rows[0][8:] == tuple(c.code for c in cpo.criteria.all())
    by_licence = {r[0]: r for r in rows[1:]}
    assert by_licence[centre_a.licence_number][6] == 100
    assert by_licence[centre_a.licence_number][7] == "Отлично"
    evil = by_licence[centre_b.licence_number]
    assert evil[1] == '\'=HYPERLINK("http://evil")'
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    assert len(wb.worksheets) >= 4  # CPO, CIPO and the summary tables


def BytesIO_of(response):
    from io import BytesIO

    return BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)


def test_points_are_decimal_in_figures(two_reports):
    from analysis.figures import cpo_figures

    f = cpo_figures(2024)
    assert isinstance(f.mean_total, Decimal)
    assert f.mean_total == (Decimal(100) + Decimal("14.5")) / 2


def test_a_warm_dashboard_reads_the_cache_and_a_data_change_refreshes_it(client_for, erin, two_reports):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from analysis.models import NationalRecord

    client = client_for(erin)
    assert "Публикувани данни, които се различават" not in client.get("/analysis/2024/").content.decode()
    with CaptureQueriesContext(connection) as warm:
        client.get("/analysis/2024/")
    assert len(warm.captured_queries) < 25  # the fingerprint, the session, the years: no figures
    NationalRecord.objects.create(kind="CPO", year=2024, submitted=5)
    assert "Публикувани данни, които се различават" in client.get("/analysis/2024/").content.decode()
