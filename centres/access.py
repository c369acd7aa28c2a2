"""Who may see and change what. The one place for tenant rules.

A centre's user sees only its own centre's data; another centre's object
answers 404 (never 403, which would confirm that it exists). The tenant is
always derived from the logged-in user, never from request data.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role


def is_agency(user):
    return bool(user and user.is_authenticated and user.is_agency)


def is_agency_admin(user):
    return bool(user and user.is_authenticated and user.is_agency_admin)


def is_centre_user(user):
    return bool(user and user.is_authenticated and user.is_centre_user)


def scope(queryset, user, centre_field="centre"):
    """Limit a queryset to the rows `user` may see: all for the agency, own centre's for a centre user."""
    if is_agency(user):
        return queryset
    if is_centre_user(user):
        return queryset.filter(**{centre_field: user.centre_id})
    return queryset.none()


def get_visible_or_404(queryset, user, centre_field="centre", **lookup):
    """Fetch one object the user may see, else 404 — the same answer whether it is missing or another centre's."""
    try:
        return scope(queryset, user, centre_field).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def centres_visible_to(user):
    from centres.models import Centre

    return scope(Centre.objects.all(), user, centre_field="pk")


def user_centre(user):
    """The centre a centre user belongs to; PermissionDenied for anybody else."""
    if not is_centre_user(user):
        raise PermissionDenied
    return user.centre


def _gate(test):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


agency_required = _gate(is_agency)
agency_admin_required = _gate(is_agency_admin)
centre_user_required = _gate(is_centre_user)
any_role_required = _gate(lambda u: is_agency(u) or is_centre_user(u))


def centre_role_required(*roles):
    allowed = {Role(r) for r in roles}
    return _gate(lambda u: is_centre_user(u) and u.role in allowed)


# ------------------------------------------------------------------ independent assessment (assessment app)
def is_assessment_body_user(user):
    """An active user of an assessment body: the role and a membership of exactly one body."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.role == Role.ASSESSMENT_BODY
        and getattr(user, "assessment_membership", None) is not None
    )


def assessment_body_id(user):
    """The id of the body an assessment-body user works for; None for anybody else."""
    return user.assessment_membership.body_id if is_assessment_body_user(user) else None


def assessment_sessions_visible_to(queryset, user):
    """Sessions: all for the agency, its own for a body, a centre's only once the agency has published
    them and only those where its graduates took part."""
    if is_agency(user):
        return queryset
    if is_assessment_body_user(user):
        return queryset.filter(body_id=assessment_body_id(user))
    if is_centre_user(user):
        return queryset.filter(published_at__isnull=False, participants__member__centre_id=user.centre_id).distinct()
    return queryset.none()


def may_read_assessment(user):
    """The agency, an assessment body's users and centre users have assessment pages (each sees its part)."""
    return is_agency(user) or is_assessment_body_user(user) or is_centre_user(user)


assessment_body_required = _gate(is_assessment_body_user)
assessment_reader_required = _gate(may_read_assessment)
