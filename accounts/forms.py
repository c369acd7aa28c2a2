from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import CENTRE_ROLES, User


class RoleCentreFormMixin:
    """Explain, field by field, what the database constraint centre_role_has_centre would refuse."""

    def clean(self):
        cleaned = super().clean()
        role, centre = cleaned.get("role"), cleaned.get("centre")
        if not role and "role" in self.fields:
            self.add_error("role", _("Choose a role."))
        elif role in CENTRE_ROLES and centre is None:
            self.add_error("centre", _("A centre's director, editor or viewer must belong to a centre."))
        elif role and role not in CENTRE_ROLES and centre is not None:
            self.add_error("centre", _("An agency expert or administrator does not belong to a centre."))
        return cleaned


class AgencyUserCreationForm(RoleCentreFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", "role", "centre")


class AgencyUserChangeForm(RoleCentreFormMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"
