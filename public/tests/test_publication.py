"""Publishing a year's national analysis: agency admins only, audited, shown on the public pages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audit.models import AuditEntry
from public import services
from public.models import PublishedAnalysis
from public.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysed(centre_a):
    f.report(centre_a, 2024)


def test_the_page_is_for_agency_admins_only(client, client_for, analysed, erin, dora, adam):
    url = reverse("public:publication")
    assert client.get(url).url.startswith(reverse("login"))
    assert client_for(erin).get(url).status_code == 403
    assert client_for(dora).get(url).status_code == 403
    assert client_for(adam).get(url).status_code == 200


def test_an_admin_publishes_and_withdraws_with_an_audit_entry(
    client_for, analysed, adam, django_capture_on_commit_callbacks
):
    client = client_for(adam)
    url = reverse("public:publication_change", args=[2024])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"action": "publish"}).status_code == 302
    published = PublishedAnalysis.objects.get(year=2024)
    assert published.published_by == adam
    assert AuditEntry.objects.filter(action="publish_analysis").count() == 1
    client.logout()
    assert client.get(reverse("public:national", args=[2024])).status_code == 200
    assert "2024" in client.get("/").content.decode()
    client = client_for(adam)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "unpublish"})
    client.logout()
    assert not PublishedAnalysis.objects.exists()
    assert client.get(reverse("public:national", args=[2024])).status_code == 404


def test_a_year_without_reports_cannot_be_published(client_for, analysed, adam):
    assert client_for(adam).post(reverse("public:publication_change", args=[2019])).status_code == 404


def test_an_expert_cannot_publish_through_the_service_or_the_page(client_for, analysed, erin):
    with pytest.raises(PermissionDenied):
        services.publish_analysis(2024, actor=erin)
    assert client_for(erin).post(reverse("public:publication_change", args=[2024])).status_code == 403
    assert not PublishedAnalysis.objects.exists()


def test_publishing_twice_keeps_the_first_date(analysed, adam):
    first = services.publish_analysis(2024, actor=adam)
    again = services.publish_analysis(2024, actor=adam)
    assert again.published_at == first.published_at
    assert AuditEntry.objects.filter(action="publish_analysis").count() == 1
