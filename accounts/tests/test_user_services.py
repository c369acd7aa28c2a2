"""accounts.services: only an agency administrator changes accounts, and every change is audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts import services
from accounts.models import Role, User
from audit.models import AuditEntry


@pytest.mark.parametrize("persona", ["dora", "erin"])
def test_only_the_agency_admin_may_change_accounts(request, persona, vicky, centre_a):
    actor = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        services.invite_user(actor=actor, username="x", email="x@example.bg", role=Role.VIEWER, centre=centre_a)
    with pytest.raises(PermissionDenied):
        services.deactivate_user(actor=actor, user=vicky)
    with pytest.raises(PermissionDenied):
        services.change_role(actor=actor, user=vicky, role=Role.DIRECTOR, centre=centre_a)
    with pytest.raises(PermissionDenied):
        services.release_lockout(actor=actor, username="vicky")
    assert not AuditEntry.objects.exists()


def test_an_agency_admin_cannot_touch_a_superuser(adam):
    root = User.objects.create_superuser("root", "root@example.bg", "root-pass-phrase-1")
    with pytest.raises(PermissionDenied):
        services.deactivate_user(actor=adam, user=root)


def test_role_and_centre_must_agree(adam, vicky, centre_a):
    with pytest.raises(ValidationError) as error:
        services.change_role(actor=adam, user=vicky, role=Role.EXPERT, centre=centre_a)
    assert "centre" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.invite_user(actor=adam, username="", email="a@example.bg", role=Role.DIRECTOR, centre=None)
    assert not User.objects.filter(email="a@example.bg").exists()


def test_an_unchanged_role_writes_nothing(adam, vicky, centre_a):
    services.change_role(actor=adam, user=vicky, role=Role.VIEWER, centre=centre_a)
    assert not AuditEntry.objects.exists()


def test_deactivating_twice_audits_once(adam, vicky):
    services.deactivate_user(actor=adam, user=vicky)
    services.deactivate_user(actor=adam, user=vicky)
    assert AuditEntry.objects.filter(action="user_deactivate").count() == 1
