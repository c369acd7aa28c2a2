"""Every change to a user account: invite, change role, deactivate, reactivate, release a lockout.

Each function checks that the actor is an agency administrator, changes the account in
one transaction and writes an audit entry. Views, commands and the API call these only.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.emails import send_invitation
from accounts.models import CENTRE_ROLES, Role, User
from accounts.throttle import invitation_refusal
from audit.models import AuditEntry
from audit.services import record


def _require_admin(actor):
    if not (actor and actor.is_authenticated and actor.is_agency_admin):
        raise PermissionDenied


def _require_manageable(actor, user):
    """An agency administrator manages people, not superusers (the technical operators) nor themself."""
    _require_admin(actor)
    if user.is_superuser and not actor.is_superuser:
        raise PermissionDenied
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot change your own account here; ask another administrator."))


def check_role_and_centre(role, centre):
    """The rule the database constraint enforces, as messages for the form field that is wrong."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    if role in CENTRE_ROLES and centre is None:
        raise ValidationError({"centre": _("A centre's director, editor or viewer must belong to a centre.")})
    if role not in CENTRE_ROLES and centre is not None:
        raise ValidationError({"centre": _("An agency expert or administrator does not belong to a centre.")})


def set_password_link(user, *, site_url=None):
    """The absolute one-time link with which `user` chooses a password (Django's reset token)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("invitation_accept", kwargs={"uidb64": uid, "token": token})
    return (site_url or settings.SITE_URL).rstrip("/") + path


def invite_user(*, actor, username, email, role, centre=None, first_name="", last_name="", site_url=None):
    """Create an account without a password and e-mail its owner a link to choose one."""
    _require_admin(actor)
    email = (email or "").strip()
    username = (username or "").strip() or email.lower()
    errors = {}
    if not email:
        errors["email"] = _("Enter the person's e-mail address.")
    elif User.objects.filter(email__iexact=email).exists():
        errors["email"] = _("A user with this e-mail address already exists.")
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = _("This username is taken.")
    try:
        check_role_and_centre(role, centre)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    refusal = invitation_refusal(actor, email)  # before anything is saved: refused means nothing changes
    if refusal:
        raise ValidationError(refusal)
    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            role=role,
            centre=centre,
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        record(
            actor=actor,
            action="user_invite",
            obj=user,
            centre=centre,
            to_state=role,
            changes={"username": username, "email": email, "role": role, "centre": centre.pk if centre else None},
        )
        link = set_password_link(user, site_url=site_url)
        transaction.on_commit(lambda: send_invitation(user, link, invited_by=actor))
    return user


def resend_invitation(*, actor, user, site_url=None):
    """A fresh set-password link for someone who has not chosen a password yet (the old one may have expired)."""
    _require_manageable(actor, user)
    if user.has_usable_password():
        raise ValidationError(_("This person has already chosen a password; they can reset it themselves."))
    refusal = invitation_refusal(actor, user.email)
    if refusal:
        raise ValidationError(list(refusal.values()))
    with transaction.atomic():
        record(actor=actor, action="user_invite_resend", obj=user, centre=user.centre)
        link = set_password_link(user, site_url=site_url)
        transaction.on_commit(lambda: send_invitation(user, link, invited_by=actor))


def change_role(*, actor, user, role, centre=None):
    """Give `user` another role (and centre, for a centre role)."""
    _require_manageable(actor, user)
    check_role_and_centre(role, centre)
    before = {"role": user.role, "centre": user.centre_id}
    after = {"role": role, "centre": centre.pk if centre else None}
    if before == after:
        return user
    with transaction.atomic():
        user.role, user.centre = role, centre
        user.save(update_fields=["role", "centre"])
        record(
            actor=actor,
            action="user_role_change",
            obj=user,
            centre=centre,
            from_state=before["role"],
            to_state=role,
            changes={"before": before, "after": after},
        )
    return user


def deactivate_user(*, actor, user, reason=""):
    """Stop `user` from logging in; the account stays so that the audit log and reports keep pointing at it."""
    _require_manageable(actor, user)
    if not user.is_active:
        return user
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(
            actor=actor,
            action="user_deactivate",
            obj=user,
            centre=user.centre,
            from_state="on",
            to_state="off",
            message=reason,
        )
    return user


def reactivate_user(*, actor, user):
    _require_manageable(actor, user)
    if user.is_active:
        return user
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        record(
            actor=actor,
            action="user_reactivate",
            obj=user,
            centre=user.centre,
            from_state="inactive",
            to_state="active",
        )
    return user


def release_lockout(*, actor, username, ip_address=None):
    """Lift django-axes' login pause for this username (and address); return how many records were cleared."""
    from axes.utils import reset

    _require_admin(actor)
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": _("Enter the username to release.")})
    with transaction.atomic():
        count = reset(username=username, ip=ip_address or None)
        user = User.objects.filter(username=username).first()
        changes = {"username": username, "ip_address": ip_address or "", "cleared": count}
        if user is not None:
            record(actor=actor, action="lockout_release", obj=user, centre=user.centre, changes=changes)
        else:
            # Somebody tried a username that does not exist: still say who released what.
            AuditEntry.objects.create(
                actor=actor,
                action="lockout_release",
                object_type="axes.accessattempt",
                object_id=username[:40],
                changes=changes,
            )
    return count
