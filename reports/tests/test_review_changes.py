"""The diff between versions shows labels, not raw values, and covers evidence and activity data (Seen 6)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inputs import samples
from reports import services
from reports.tests.conftest import full_answers


def _resubmit_lower(report, dora, erin, **before_submit):
    services.return_report(report, actor=erin, comment="Прегледайте отново.")
    report.refresh_from_db()
    answers = full_answers(report)
    for criterion in report.framework.criteria.filter(code__in=["2.1", "2.2", "2.3", "2.4", "2.5"]):
        answers[criterion.code]["points"] = criterion.levels.order_by("points").first().points  # below 91
    services.save_draft(report, actor=dora, lock_version=report.lock_version, answers=answers)
    for step in before_submit.values():
        step(report)
    services.submit_report(report, actor=dora, declared=True)


def test_the_grade_change_reads_as_grade_names_not_codes(client_for, dora, erin, submitted):
    _resubmit_lower(submitted, dora, erin)
    response = client_for(erin).get(reverse("reports:review", args=[submitted.pk]))
    grade = next(c for c in response.context["view"].changes if c.field == "grade")
    assert (grade.old_label, grade.new_label) == ("Отлично", "Добро")
    html = response.content.decode()
    assert "<td>Отлично</td><td>Добро</td>" in html
    assert ">excellent<" not in html and ">good<" not in html


def test_added_evidence_is_in_the_diff(client_for, dora, erin, submitted):
    def attach(report):
        criterion = report.framework.criteria.get(code="2.10")
        services.add_evidence(report, criterion, SimpleUploadedFile("проекти.pdf", samples.pdf_bytes()), actor=dora)

    _resubmit_lower(submitted, dora, erin, attach=attach)
    response = client_for(erin).get(reverse("reports:review", args=[submitted.pk]))
    (group,) = response.context["view"].data_changes
    assert [(line.code, line.after.split(" (")[0]) for line in group.lines] == [("2.10", "проекти.pdf")]
    assert "проекти.pdf" in response.content.decode()


def test_activity_information_saved_between_versions_is_in_the_diff(client_for, dora, erin, submitted):
    from activity.services import replace_all

    def change_activity(report):
        replace_all(actor=dora, centre=report.centre, year=report.year, header={"trainers_total": 4}, rows={})

    _resubmit_lower(submitted, dora, erin, change_activity=change_activity)
    response = client_for(erin).get(reverse("reports:review", args=[submitted.pk]))
    (group,) = response.context["view"].data_changes
    assert (group.title, [(line.where, line.before, line.after) for line in group.lines]) == (
        "Информация за дейността",
        [("Преподаватели общо", "3", "4")],
    )
