"""The account e-mails: the invitation to choose a password and the password-reset link.

Both are ours (not Django's stock text), plain text with an HTML alternative, in
Bulgarian whatever the request language (they are read later, outside the session),
signed with settings.SITE_NAME and linking to settings.SITE_URL, never to the host a
request happened to name.
"""

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from inputs.forms import BoundedInputsMixin
from mailing.outbox import send_later

MAIL_LANGUAGE = "bg"


def _send(template, context, to):
    context = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL, **context}
    with translation.override(MAIL_LANGUAGE):
        subject = " ".join(render_to_string(f"accounts/email/{template}_subject.txt", context).split())
        body = render_to_string(f"accounts/email/{template}.txt", context)
        html = render_to_string(f"accounts/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    # Through the job queue: the request does not wait for SMTP, and a reset for an existing account
    # takes no longer than one for an unknown address.
    return send_later([message])


def send_invitation(user, link, *, invited_by=None):
    context = {
        "user": user,
        "link": link,
        "invited_by": invited_by,
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "login_url": settings.SITE_URL + reverse("login"),
    }
    return _send("invitation", context, user.email)


class SitePasswordResetForm(BoundedInputsMixin, PasswordResetForm):
    """Django's reset form (no address enumeration, one-time token) with our own message.

    Unlike Django's, it also serves an invited person who has not chosen a password yet: when the
    invitation's link has expired, "Forgotten your password?" gives them a fresh one.
    """

    def get_users(self, email):
        from django.contrib.auth import get_user_model

        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        return (u for u in users if u.email.casefold() == email.casefold())

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        path = reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        _send("password_reset", {"user": context["user"], "link": settings.SITE_URL + path}, to_email)
