"""The published-figures page: everyone at the agency reads it, only the agency admin imports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from analysis.models import AnalysisSetting, NationalRecord
from audit.models import AuditEntry
from centres.models import CentreKind

pytestmark = pytest.mark.django_db


def upload(text, name="history.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_history_page_three_rungs(client, client_for, dora, erin):
    assert client.get("/analysis/history/").status_code == 302
    assert client_for(dora).get("/analysis/history/").status_code == 403
    response = client_for(erin).get("/analysis/history/")
    assert response.status_code == 200
    assert "Анализ на докладите за самооценка 2024" in response.content.decode()


def test_an_expert_cannot_import(client_for, erin):
    response = client_for(erin).post("/analysis/history/", {"file": upload("kind,year\nCPO,2019\n")})
    assert response.status_code == 403
    assert not NationalRecord.objects.filter(year=2019).exists()


def test_the_admin_imports_a_clean_file_with_an_audit_entry(client_for, adam):
    response = client_for(adam).post("/analysis/history/", {"file": upload("kind;year;licensed\nCPO;2019;910\n")})
    assert response.status_code == 302
    record = NationalRecord.objects.get(kind=CentreKind.CPO, year=2019)
    assert record.licensed == 910
    assert AuditEntry.objects.filter(action="national_record", object_id=str(record.pk)).exists()


def test_a_bad_file_lists_its_problems_and_saves_nothing(client_for, adam):
    response = client_for(adam).post(
        "/analysis/history/", {"file": upload("kind,year,licensed,submitted\nCPO,2019,10,11\nCPO,2099,,\n")}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Нищо не е записано" in body
    assert not NationalRecord.objects.filter(year__in=[2019, 2099]).exists()


def test_the_template_lists_the_framework_codes(client_for, erin):
    response = client_for(erin).get("/analysis/history/template-CPO.csv")
    header = response.content.decode().splitlines()[0].split(",")
    assert header[:2] == ["kind", "year"]
    assert "area:2" in header and "criterion:2.10" in header and "grade:unsatisfactory" in header


def test_the_counting_rule_is_set_by_the_admin_only(client_for, erin, adam):
    assert client_for(erin).post("/analysis/2024/counting/", {"include_late": "0"}).status_code == 403
    assert client_for(adam).post("/analysis/2024/counting/", {"include_late": "0"}).status_code == 302
    assert AnalysisSetting.include_late_for(2024) is False
    assert AnalysisSetting.include_late_for(2023) is True
