from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and roles")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from accounts import mfa, sessions, throttle

        # The session's clock (idle and absolute limits) and the re-authentication time start at log-in.
        user_logged_in.connect(sessions.on_login, dispatch_uid="accounts.session_clock")
        user_logged_in.connect(mfa.on_login, dispatch_uid="accounts.mfa_device")
        # Failed log-ins count per address and per account in the shared cache.
        user_login_failed.connect(throttle.on_login_failed, dispatch_uid="accounts.login_throttle")
