"""The register of bodies and assessors in the agency's admin."""

import pytest
from django.core.exceptions import ValidationError

from assessment.models import BodyMembership


def test_a_superuser_keeps_the_register_in_djangos_admin(client_for, adam, council, assessors):
    adam.is_superuser = True  # Django's admin is for superusers only (the agency's pages are the app's own)
    adam.save()
    client = client_for(adam)
    for url in (
        "/django-admin/assessment/assessmentbody/",
        f"/django-admin/assessment/assessmentbody/{council.pk}/change/",
        "/django-admin/assessment/assessor/",
        "/django-admin/assessment/outcomeset/",
    ):
        assert client.get(url).status_code == 200, url


def test_only_a_body_role_user_can_be_a_member(dora, council):
    with pytest.raises(ValidationError):
        BodyMembership(user=dora, body=council).full_clean()
