import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from centres.models import Centre, CentreKind
from reports.models import Report, Status, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (it takes seconds), in a transaction rolled back at the end."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        out = io.StringIO()
        call_command("seed_demo", "--seed", "7", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def test_centres_spread_over_every_region(seeded, django_db_blocker):
    with django_db_blocker.unblock():
        licensed = Centre.objects.licensed_on(dt.date(2024, 12, 31))
        assert 800 <= licensed.filter(kind=CentreKind.CPO).count() <= 900
        assert 30 <= licensed.filter(kind=CentreKind.CIPO).count() <= 40
        assert Centre.objects.values("region").distinct().count() == 28


def test_national_picture_resembles_the_published_one(seeded, django_db_blocker):
    with django_db_blocker.unblock():
        for year in (2022, 2023, 2024):
            cpo = Submission.objects.filter(report__year=year, report__centre__kind=CentreKind.CPO, imported=True)
            n = cpo.count()
            grades = dict(cpo.values_list("grade").annotate(n=Count("id")))
            assert 0.7 < grades["good"] / n < 0.9
            assert 0.02 < grades["excellent"] / n < 0.15
            assert 0.05 < grades["satisfactory"] / n < 0.2
            assert grades["unsatisfactory"] / n < 0.05
            assert cpo.filter(zero_value=True).count() == 1
            assert 0.9 < cpo.filter(on_time=True).count() / n < 0.99


def test_latest_year_holds_reports_in_every_state(seeded, django_db_blocker):
    with django_db_blocker.unblock():
        statuses = set(Report.objects.values_list("status", flat=True))
        assert statuses == {Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.APPROVED}
        assert Submission.objects.filter(on_time=False).exists()


def test_demo_users_can_log_in(seeded, django_db_blocker, client, settings):
    # The seed hashed the demo password with the real (slow) hasher, not the tests' fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    with django_db_blocker.unblock():
        for username, *_ in DEMO_USERS:
            response = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
            assert response.status_code == 302, username
            assert client.get("/").context["user"].username == username
            client.post("/accounts/logout/")


def test_seed_refuses_a_database_with_centres_unless_if_empty(seeded, django_db_blocker):
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command("seed_demo", "--if-empty", stdout=out)
        assert "nothing loaded" in out.getvalue()
        with pytest.raises(SystemExit):
            call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_shows_the_review_workflow(seeded, django_db_blocker):
    """An assigned report, an approval comment and a deadline extension are in the demo."""
    from reports.models import DeadlineExtension

    with django_db_blocker.unblock():
        assert Report.objects.filter(assigned_to__isnull=False, status=Status.SUBMITTED).exists()
        assert Report.objects.filter(status=Status.APPROVED).exclude(approval_comment="").exists()
        assert DeadlineExtension.objects.exists()
        returned = Report.objects.get(centre__users__username="director2", status=Status.RETURNED)
        assert returned.last_submission.declaration


def test_the_demo_has_a_resubmission_whose_diff_shows_the_activity_change(seeded, django_db_blocker):
    from reports import snapshots

    with django_db_blocker.unblock():
        report = Report.objects.get(centre__users__username="director3", status=Status.SUBMITTED)
        first, second = report.submissions.order_by("number")
        (activity,) = [g for g in snapshots.compare(first, second) if g.key == "activity"]
        assert [line.where for line in activity.lines] == ["Преподаватели общо"]
        assert report.assigned_to is not None
