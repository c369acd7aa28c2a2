from django import forms
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import CENTRE_ROLES, Role, User
from inputs.forms import BoundedInputsMixin


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


class AgencyUserCreationForm(RoleCentreFormMixin, BoundedInputsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email", "role", "centre")


class AgencyUserChangeForm(RoleCentreFormMixin, BoundedInputsMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


# ---------------------------------------------------------------- the agency's own administration pages
class _CentreChoiceMixin:
    def _centre_field(self):
        from centres.models import Centre

        return forms.ModelChoiceField(
            label=_("Centre"),
            queryset=Centre.objects.order_by("name"),
            required=False,
            help_text=_("Only for a centre's director, editor or viewer."),
        )


class InviteUserForm(_CentreChoiceMixin, BoundedInputsMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    username = forms.CharField(
        label=_("Username"), max_length=150, required=False, help_text=_("Leave empty to use the e-mail address.")
    )
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"] = self._centre_field()


class ChangeRoleForm(_CentreChoiceMixin, BoundedInputsMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"] = self._centre_field()


class DeactivateForm(BoundedInputsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason (kept in the audit log)"), max_length=500, required=False)


class ReleaseLockoutForm(BoundedInputsMixin, forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    ip_address = forms.GenericIPAddressField(label=_("Address (leave empty for every address)"), required=False)
