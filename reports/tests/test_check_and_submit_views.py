import pytest
from django.urls import reverse

from audit.models import AuditEntry
from reports.models import Status, Submission


def _check(report):
    return reverse("reports:check", args=[report.pk])


def _submit(report):
    return reverse("reports:submit", args=[report.pk])


def test_anonymous_is_sent_to_login(client, draft):
    for url in (_check(draft), _submit(draft)):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_centres_report_is_404(client_for, boris, draft, method):
    client = client_for(boris)
    for url in (_check(draft), _submit(draft)):
        assert getattr(client, method)(url).status_code == 404


def test_the_check_page_links_every_gap_to_its_field(client_for, eddie, draft):
    response = client_for(eddie).get(_check(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    form = reverse("reports:form", args=[draft.pk])
    assert f'href="{form}#section-1"' in html and f'href="{form}#criterion-3.2"' in html
    assert "29 пропуска за попълване преди подаване" in html  # 28 in the form, 1 in the activity information
    assert f'href="{reverse("activity:edit", args=[draft.centre_id, draft.year])}"' in html


def test_a_viewer_and_the_agency_cannot_use_the_check_page(client_for, vicky, erin, draft):
    assert client_for(vicky).get(_check(draft)).status_code == 403
    assert client_for(erin).get(_check(draft)).status_code == 403


def test_a_complete_report_offers_submission_to_the_director_only(client_for, dora, eddie, filled):
    assert _submit(filled) in client_for(dora).get(_check(filled)).content.decode()
    assert _submit(filled) not in client_for(eddie).get(_check(filled)).content.decode()


@pytest.mark.parametrize("who", ["eddie", "vicky", "erin"])
def test_a_viewer_editor_or_agency_cannot_submit(client_for, request, filled, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(_submit(filled)).status_code == 403
    assert client.post(_submit(filled), {"lock_version": filled.lock_version}).status_code == 403
    assert not Submission.objects.exists()


def test_the_confirmation_page_warns_that_the_report_will_be_locked(client_for, dora, filled):
    response = client_for(dora).get(_submit(filled))
    assert response.status_code == 200
    assert "След подаването докладът не може да се променя" in response.content.decode()
    assert f'name="lock_version" value="{filled.lock_version}"' in response.content.decode()


def test_an_incomplete_report_sends_the_director_back_to_the_check_page(client_for, dora, draft):
    client = client_for(dora)
    assert client.get(_submit(draft))["Location"] == _check(draft)
    response = client.post(_submit(draft), {"lock_version": draft.lock_version})
    assert response["Location"] == _check(draft)
    assert not Submission.objects.exists()


def test_the_director_submits_once_even_when_the_request_is_repeated(client_for, dora, filled):
    client = client_for(dora)
    data = {"lock_version": filled.lock_version, "declaration": "on"}
    for _attempt in range(3):  # double click, second tab, retried request
        response = client.post(_submit(filled), data)
        assert response.status_code == 302
    filled.refresh_from_db()
    assert filled.status == Status.SUBMITTED
    assert Submission.objects.filter(report=filled).count() == 1
    assert AuditEntry.objects.for_object(filled).filter(action="submit").count() == 1


def test_a_submit_based_on_an_older_version_is_sent_back_to_check(client_for, dora, filled):
    response = client_for(dora).post(_submit(filled), {"lock_version": filled.lock_version - 1})
    assert response["Location"] == _check(filled)
    assert not Submission.objects.exists()


def test_an_approved_report_refuses_submission(client_for, dora, erin, submitted):
    from reports import services

    services.approve_report(submitted, actor=erin)
    response = client_for(dora).post(_submit(submitted), {"lock_version": submitted.lock_version + 1})
    assert response.status_code == 403


def test_a_gap_on_another_page_links_to_that_page(client_for, eddie, draft):
    from reports.checks import Gap, register_check, unregister_check

    def elsewhere(report):
        return [
            Gap(f"/activity/centre/{report.centre_id}/{report.year}/#course-17", "Завършилите са повече от записаните.")
        ]

    register_check(elsewhere)
    try:
        html = client_for(eddie).get(_check(draft)).content.decode()
    finally:
        unregister_check(elsewhere)
    assert f'href="/activity/centre/{draft.centre_id}/{draft.year}/#course-17"' in html


def test_a_gap_about_data_kept_elsewhere_links_to_that_page(client_for, eddie, filled):
    from reports.checks import Gap, register_check, unregister_check

    def elsewhere(report):
        return [Gap("/activity/centre/5/2024/#course-17", "Курс 17 няма завършили.")]

    register_check(elsewhere)
    try:
        html = client_for(eddie).get(_check(filled)).content.decode()
    finally:
        unregister_check(elsewhere)
    assert '<a href="/activity/centre/5/2024/#course-17">Курс 17 няма завършили.</a>' in html


def test_the_confirmation_page_previews_the_document_in_the_frameworks_order(client_for, dora, filled):
    html = client_for(dora).get(_submit(filled)).content.decode()
    headings = [s.title for s in filled.framework.sections.all()]
    positions = [html.index(f"{i + 1}. {title}") for i, title in enumerate(headings)]
    assert positions == sorted(positions)
    assert 'name="declaration"' in html and "данните" in html


def test_submission_needs_the_declaration_and_stores_it(client_for, dora, filled):
    client = client_for(dora)
    response = client.post(_submit(filled), {"lock_version": filled.lock_version})
    assert response.status_code == 400
    assert not Submission.objects.exists()
    client.post(_submit(filled), {"lock_version": filled.lock_version, "declaration": "on"})
    submission = Submission.objects.get(report=filled)
    assert "са верни" in submission.declaration and filled.centre.name in submission.declaration
