"""Session lifetime: an idle timeout and an absolute lifetime, both from settings (ASVS 7.3).

SESSION_IDLE_TIMEOUT (30 min) ends a session nobody used for that long; SESSION_ABSOLUTE_LIFETIME
(12 h) ends every session that long after its log-in, however busy. Times are kept in the session
itself, so they hold in every worker and with database, cache or Redis sessions alike.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone
from django.utils.translation import gettext as _

STARTED = "_auth_started"
LAST_SEEN = "_auth_last_seen"
# last_seen is written at most this often, so not every request rewrites the session.
TOUCH_EVERY = 60


def now():
    return timezone.now().timestamp()


def idle_timeout():
    return getattr(settings, "SESSION_IDLE_TIMEOUT", 30 * 60)


def absolute_lifetime():
    return getattr(settings, "SESSION_ABSOLUTE_LIFETIME", 12 * 3600)


def on_login(sender, request, user, **kwargs):
    """user_logged_in: the session's clock starts (and the person has just proven who they are)."""
    from accounts.reauth import mark_authenticated

    if request is None or not hasattr(request, "session"):
        return
    moment = now()
    request.session[STARTED] = moment
    request.session[LAST_SEEN] = moment
    mark_authenticated(request)


def expired(session, moment=None):
    moment = now() if moment is None else moment
    started, last_seen = session.get(STARTED), session.get(LAST_SEEN)
    if started is None or last_seen is None:
        return False
    return moment - last_seen > idle_timeout() or moment - started > absolute_lifetime()


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware: log out an idle or too old session and send the person to log in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            moment = now()
            session = request.session
            if session.get(STARTED) is None:  # a session from before this rule: start its clock now
                session[STARTED] = session[LAST_SEEN] = moment
            elif expired(session, moment):
                logout(request)
                messages.info(request, _("Your session has ended. Log in again."))
                return redirect_to_login(request.get_full_path())
            elif moment - session.get(LAST_SEEN, 0) > TOUCH_EVERY:
                session[LAST_SEEN] = moment
        return self.get_response(request)
