"""centres.services.create_centre / update_centre: the one way a centre's details change outside imports."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from centres.models import Centre
from centres.services import CentreConflict, centre_values, create_centre, update_centre


@pytest.mark.parametrize("persona", ["dora", "erin"])
def test_only_an_agency_admin_may_change_a_centre(persona, request, centre_a):
    actor = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        update_centre(centre_a, actor=actor, values={"name": "Друго"})
    with pytest.raises(PermissionDenied):
        create_centre(actor=actor, values={"name": "Нов", "licence_number": "200812777"})
    assert Centre.objects.get(pk=centre_a.pk).name == "ЦПО „Алфа“ ЕООД"


def test_a_caller_without_the_form_is_checked_too(adam, centre_a):
    with pytest.raises(ValidationError) as caught:
        update_centre(centre_a, actor=adam, values={"name": "Алфа\x00", "licence_number": "12-34", "email": "x"})
    assert set(caught.value.message_dict) == {"name", "licence_number", "email"}
    assert not AuditEntry.objects.filter(action="centre_edit").exists()


def test_a_save_without_changes_writes_no_audit_entry(adam, centre_a):
    assert update_centre(centre_a, actor=adam, values=centre_values(centre_a), base=centre_values(centre_a)) == {}
    assert not AuditEntry.objects.filter(action="centre_edit").exists()


def test_fields_both_changed_are_a_conflict_and_nothing_is_saved(adam, centre_a):
    base = centre_values(centre_a)
    update_centre(centre_a, actor=adam, values={"name": "Първо"})
    with pytest.raises(CentreConflict) as caught:
        update_centre(centre_a, actor=adam, values={**base, "name": "Второ", "address": "ул. Трета"}, base=base)
    assert caught.value.fields == ["name"]
    centre_a.refresh_from_db()
    assert (centre_a.name, centre_a.address) == ("Първо", "")


def test_withdrawing_the_licence_ends_it_on_that_day(adam, centre_a):
    update_centre(centre_a, actor=adam, values={"licence_revoked_on": dt.date(2024, 6, 30)})
    assert Centre.objects.licensed_on(dt.date(2024, 6, 29)).filter(pk=centre_a.pk).exists()
    assert not Centre.objects.licensed_on(dt.date(2024, 6, 30)).filter(pk=centre_a.pk).exists()


def test_a_change_moves_the_public_cache_on(adam, centre_a, django_capture_on_commit_callbacks):
    from public import cache

    before = cache.version()
    with django_capture_on_commit_callbacks(execute=True):
        update_centre(centre_a, actor=adam, values={"website": "https://alfa.bg"})
    assert cache.version() != before


def test_a_new_centre_needs_its_required_fields(adam):
    with pytest.raises(ValidationError) as caught:
        create_centre(actor=adam, values={"name": "Нов", "licence_number": "200812777", "kind": "XYZ"})
    assert {"kind", "region", "licensed_on"} <= set(caught.value.message_dict)
    assert not Centre.objects.filter(licence_number="200812777").exists()
