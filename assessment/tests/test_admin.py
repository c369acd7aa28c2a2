"""The register of bodies and assessors in the agency's admin."""

import pytest
from django.core.exceptions import ValidationError

from assessment.models import BodyMembership


def test_the_agency_admin_keeps_the_register(client_for, adam, council, assessors):
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
