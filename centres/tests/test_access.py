import pytest
from django.http import Http404

from centres.access import centres_visible_to, get_visible_or_404, scope
from centres.models import Centre
from frameworks.models import Framework
from reports.models import Report


@pytest.fixture
def reports(centre_a, centre_b):
    framework = Framework.objects.get(code="CPO-2018")
    return (
        Report.objects.create(centre=centre_a, year=2024, framework=framework),
        Report.objects.create(centre=centre_b, year=2024, framework=framework),
    )


def test_centre_user_sees_only_own_centres_rows(dora, reports):
    assert list(scope(Report.objects.all(), dora)) == [reports[0]]


def test_agency_sees_every_centre(erin, adam, reports):
    assert set(scope(Report.objects.all(), erin)) == set(reports)
    assert set(scope(Report.objects.all(), adam)) == set(reports)


def test_anonymous_and_inactive_users_see_nothing(django_user_model, dora, reports):
    from django.contrib.auth.models import AnonymousUser

    assert not scope(Report.objects.all(), AnonymousUser()).exists()
    dora.is_active = False
    assert not scope(Report.objects.all(), dora).exists()


def test_other_centres_object_is_404_like_a_missing_one(dora, reports):
    other = reports[1]
    with pytest.raises(Http404):
        get_visible_or_404(Report.objects.all(), dora, pk=other.pk)
    with pytest.raises(Http404):
        get_visible_or_404(Report.objects.all(), dora, pk=10**9)
    assert get_visible_or_404(Report.objects.all(), dora, pk=reports[0].pk) == reports[0]


def test_centres_visible_to_a_centre_user_is_its_own(dora, boris, centre_a, centre_b):
    assert list(centres_visible_to(dora)) == [centre_a]
    assert list(centres_visible_to(boris)) == [centre_b]
    assert Centre.objects.count() == 2
