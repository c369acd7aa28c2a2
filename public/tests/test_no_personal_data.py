"""No e-mail address or name of a person in any public page or export, scanned over the demo data."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        call_command("seed_demo", "--seed", "11", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _body(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode("utf-8")


def _public_responses(client):
    from public.models import PublishedAnalysis
    from public.records import published

    snapshot = published()
    urls = [
        reverse("home"),
        reverse("public:open_data"),
        reverse("public:dictionary"),
        reverse("public:csv"),
        reverse("public:csv_people"),
        reverse("public:json"),
        reverse("public:sitemap"),
        reverse("public:robots"),
    ]
    pages = (len(snapshot.centres) + 19) // 20
    urls += [reverse("public:directory") + f"?revoked=1&page={n}" for n in range(1, pages + 1)]
    urls += [reverse("public:profile", args=[c.licence_number]) for c in snapshot.centres]
    licences = [c.licence_number for c in snapshot.centres]
    urls += [reverse("public:compare") + "?" + "&".join(f"c={c}" for c in licences[i : i + 4]) for i in range(0, 40, 4)]
    for year in PublishedAnalysis.objects.values_list("year", flat=True):
        urls.append(reverse("public:national", args=[year]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, _body(response)


def test_no_person_appears_on_any_public_page_or_export(seeded, django_db_blocker, client):
    with django_db_blocker.unblock():
        from accounts.models import User
        from centres.models import Centre
        from surveys.models import Graduate, Invitation

        official = set(Centre.objects.exclude(email="").values_list("email", flat=True))
        personal_emails = set(User.objects.exclude(email="").values_list("email", flat=True))
        personal_emails |= set(Invitation.objects.exclude(email=None).values_list("email", flat=True))
        personal_emails |= set(Graduate.objects.values_list("email", flat=True))
        names = {f"{u.first_name} {u.last_name}".strip() for u in User.objects.all()} - {""}
        names |= set(Graduate.objects.exclude(name="").values_list("name", flat=True))
        assert personal_emails and names  # the demo has people to leak
        scanned = 0
        for url, body in _public_responses(client):
            for address in EMAIL.findall(body):
                assert address in official, f"{address} on {url}"
            for email in personal_emails:
                assert email not in body, f"{email} on {url}"
            for name in names:
                assert name not in body, f"{name} on {url}"
            scanned += 1
        assert scanned > 900
