"""Each submitted version keeps its evidence list and the year's activity information (issue 10, Build 5 and 4):
the diff between versions and the document of a version show what was there at each submission."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from activity.models import Course, ServiceRow
from activity.services import replace_all
from activity.snapshot import compare
from inputs import samples
from reports import services, snapshots
from reports.models import Submission
from reports.tests.conftest import YEAR, all_texts, complete_activity


def _return(report, erin):
    services.return_report(report, actor=erin, comment="Коригирайте данните за дейността.")
    report.refresh_from_db()


def _attach(report, dora, name="проекти.pdf", code="2.10"):
    criterion = report.framework.criteria.get(code=code)
    return services.add_evidence(report, criterion, SimpleUploadedFile(name, samples.pdf_bytes()), actor=dora)


def test_a_submission_keeps_the_activity_figures_the_courses_and_the_evidence(dora, filled):
    item = _attach(filled, dora)
    submission = services.submit_report(filled, actor=dora, declared=True)
    activity = submission.year_data["activity"]
    assert activity["entered"] is True
    assert activity["figures"]["trainers_total"] == 3
    assert activity["figures"]["enrolled"] == 10 and activity["figures"]["courses"] == 1
    course = dict(zip(activity["columns"], activity["courses"][0], strict=True))
    assert (course["enrolled"], course["certified"], course["start_date"], course["price"]) == (
        10,
        10,
        "2024-03-01",
        "300.00",
    )
    assert submission.evidence_files == [{"id": item.pk, "criterion": "2.10", "name": "проекти.pdf", "size": item.size}]


def test_the_diff_shows_the_activity_change_and_the_older_version_keeps_the_old_values(
    client_for, dora, erin, submitted
):
    _return(submitted, erin)
    course = Course.objects.get(activity__centre=submitted.centre)
    replace_all(
        actor=dora,
        centre=submitted.centre,
        year=submitted.year,
        header={"trainers_total": 5},
        rows={"courses": [{**_course_values(course), "enrolled": 12, "certified": 11, "vulnerable": 12}]},
    )
    services.submit_report(submitted, actor=dora, declared=True)

    response = client_for(erin).get(reverse("reports:review", args=[submitted.pk]))
    group = next(g for g in response.context["view"].data_changes if g.key == "activity")
    lines = {(line.where, line.before, line.after) for line in group.lines}
    assert ("Преподаватели общо", "3", "5") in lines
    assert ("Записани общо", "10", "12") in lines
    assert any(where.endswith(": записани") and (before, after) == ("10", "12") for where, before, after in lines)
    html = response.content.decode()
    assert "Информация за дейността" in html and "Преподаватели общо" in html

    first, second = Submission.objects.filter(report=submitted).order_by("number")
    assert first.year_data["activity"]["figures"]["trainers_total"] == 3  # version 1 as it was submitted
    assert second.year_data["activity"]["figures"]["trainers_total"] == 5


def _course_values(course):
    names = [f.name for f in Course._meta.concrete_fields if f.name not in ("id", "activity")]
    return {name: getattr(course, name) for name in names}


def test_a_course_added_or_removed_is_listed_as_such(dora, erin, submitted):
    _return(submitted, erin)
    course = Course.objects.get(activity__centre=submitted.centre)
    other = {**_course_values(course), "start_date": course.start_date.replace(month=9), "hours": 80}
    other["end_date"] = course.end_date.replace(month=11)
    replace_all(actor=dora, centre=submitted.centre, year=submitted.year, header={}, rows={"courses": [other]})
    services.submit_report(submitted, actor=dora, declared=True)
    old, new = Submission.objects.filter(report=submitted).order_by("number")
    group = next(g for g in snapshots.compare(old, new) if g.key == "activity")
    whats = sorted(line.what for line in group.lines if line.what != "Променено")
    assert whats == ["Добавен курс", "Премахнат курс"]
    added = next(line for line in group.lines if line.what == "Добавен курс")
    assert "01.09.2024 – 30.11.2024" in added.where and "80 часа" in added.after


def test_a_version_without_a_snapshot_is_not_recorded(client_for, dora, erin, submitted):
    Submission.objects.filter(report=submitted).update(evidence_files=None, year_data=None)  # as before the change
    _return(submitted, erin)
    services.submit_report(submitted, actor=dora, declared=True)
    response = client_for(erin).get(reverse("reports:review", args=[submitted.pk]))
    groups = response.context["view"].data_changes
    assert {g.key: g.not_recorded for g in groups} == {"evidence": [1], "activity": [1]}
    assert all(not g.lines for g in groups)
    assert "Не е записано за версия 1" in response.content.decode()


def test_evidence_attached_and_deleted_between_versions_is_in_the_diff(client_for, dora, erin, filled):
    kept = _attach(filled, dora, "план.pdf", "1.1")
    gone = _attach(filled, dora, "стар.pdf", "2.1")
    services.submit_report(filled, actor=dora, declared=True)
    _return(filled, erin)
    services.delete_evidence(gone, actor=dora)
    _attach(filled, dora, "нов.pdf", "2.1")
    services.submit_report(filled, actor=dora, declared=True)
    response = client_for(erin).get(reverse("reports:review", args=[filled.pk]))
    group = next(g for g in response.context["view"].data_changes if g.key == "evidence")
    assert [(line.what, line.code, line.before.split(" (")[0], line.after.split(" (")[0]) for line in group.lines] == [
        ("Изтрито доказателство", "2.1", "стар.pdf", "—"),
        ("Приложено доказателство", "2.1", "—", "нов.pdf"),
    ]
    assert kept.original_name not in {line.before for line in group.lines}


def test_the_document_of_a_version_lists_a_file_deleted_after_it_was_submitted(client_for, dora, erin, filled):
    item = _attach(filled, dora, "договор.pdf", "2.10")
    services.submit_report(filled, actor=dora, declared=True)
    _return(filled, erin)
    services.delete_evidence(item, actor=dora)  # the report is being corrected: version 1 is what the agency has
    response = client_for(erin).get(reverse("reports:document_docx", args=[filled.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Доказателство: договор.pdf" in text


def test_the_review_of_an_old_version_names_a_deleted_file_without_a_link(client_for, dora, erin, filled):
    item = _attach(filled, dora, "договор.pdf", "2.10")
    link = reverse("reports:evidence", args=[filled.pk, item.pk])
    services.submit_report(filled, actor=dora, declared=True)
    _return(filled, erin)
    services.delete_evidence(item, actor=dora)
    services.submit_report(filled, actor=dora, declared=True)
    response = client_for(erin).get(reverse("reports:version", args=[filled.pk, 1]))
    html = response.content.decode()
    assert "договор.pdf" in html and "изтрито след това" in html
    assert link not in html


def test_a_cipo_version_keeps_its_clients_and_services(cleo):
    report = services.open_report(cleo.centre, YEAR, actor=cleo)
    answers = {c.code: {"points": 1} for c in report.framework.criteria.all()}
    services.save_draft(report, actor=cleo, lock_version=report.lock_version, texts=all_texts(report), answers=answers)
    activity = complete_activity(cleo.centre)
    ServiceRow.objects.create(activity=activity, service="counselling", clients=0)
    snapshot = services.submit_report(report, actor=cleo, declared=True).year_data["activity"]
    assert snapshot["figures"]["clients_total"] == 0
    assert snapshot["figures"]["service:counselling"] == 0
    assert snapshot["courses"] == []
    changed = {**snapshot, "figures": {**snapshot["figures"], "service:counselling": 4}}
    assert [(line.where, line.before, line.after) for line in compare(snapshot, changed)] == [
        ("Клиенти на услугата „Кариерно консултиране“", "0", "4")
    ]
