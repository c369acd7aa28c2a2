from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from accounts import mfa_views
from accounts.emails import SitePasswordResetForm
from accounts.throttle import throttle_password_reset

F = "registration/simple_form.html"

urlpatterns = [
    # The login page lives at /login/ (vetquality/urls.py); old bookmarks and links still arrive.
    path("login/", RedirectView.as_view(pattern_name="login", query_string=True, permanent=True), name="old_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("mfa/verify/", mfa_views.verify, name="mfa_verify"),
    path("mfa/setup/", mfa_views.setup, name="mfa_setup"),
    path("mfa/reset/<int:pk>/", mfa_views.reset, name="mfa_reset"),
    path("confirm/", mfa_views.reauth, name="reauth"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            template_name=F,
            extra_context={"title": _("Change password")},
            success_url=reverse_lazy("password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name=F, extra_context={"title": _("Password changed"), "intro": _("Your password was changed.")}
        ),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        throttle_password_reset(
            auth_views.PasswordResetView.as_view(
                template_name=F, form_class=SitePasswordResetForm, extra_context={"title": _("Reset password")}
            )
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name=F,
            extra_context={
                "title": _("Check your e-mail"),
                "intro": _("If an account has this e-mail address, we have sent a link to choose a new password."),
            },
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=F, extra_context={"title": _("Choose a new password")}
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=F,
            extra_context={"title": _("Password set"), "intro": _("You can now log in with your new password.")},
        ),
        name="password_reset_complete",
    ),
    # The invitation's set-password link: Django's one-time reset token, its own wording.
    path(
        "welcome/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=F,
            extra_context={
                "title": _("Choose your password"),
                "intro": _("Welcome. Choose the password for your account."),
            },
            success_url=reverse_lazy("invitation_done"),
        ),
        name="invitation_accept",
    ),
    path(
        "welcome/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=F,
            extra_context={"title": _("Password set"), "intro": _("You can now log in with your new password.")},
        ),
        name="invitation_done",
    ),
]
