"""The agency admin's upload of a new framework version: check, preview what changes, confirm.

The checked files travel to the confirm step in a signed, compressed hidden field, so nothing is
stored between the two requests and a changed field is refused.
"""

import json

from django import forms
from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.reauth import reauth_required
from centres.access import agency_admin_required
from frameworks import succession
from frameworks.loader import FrameworkFileError
from inputs.forms import BoundedInputsMixin

SALT = "frameworks.succession"
MAX_BYTES = 2 * 1024 * 1024


class SuccessionForm(BoundedInputsMixin, forms.Form):
    framework = forms.FileField(label=gettext_lazy("New framework version (JSON)"))
    mapping = forms.FileField(label=gettext_lazy("Criterion mapping (JSON, optional)"), required=False)
    last_year = forms.IntegerField(
        label=gettext_lazy("Last year of the current version"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=gettext_lazy("Empty: the year before the new version's first year."),
    )

    def _json(self, name):
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        if upload.size > MAX_BYTES:
            raise forms.ValidationError({name: _("The file is larger than 2 MB.")})
        return upload.read()

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        raw = self._json("framework")
        try:
            cleaned["data"] = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise forms.ValidationError({"framework": _("The file is not readable JSON.")}) from None
        cleaned["mapping_doc"] = self._json("mapping")
        return cleaned


@agency_admin_required
@require_http_methods(["GET", "POST"])
@reauth_required  # both the check and the confirmation: the upload is repeated after confirming anyway
def succession_upload(request):
    form = SuccessionForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    status = 200
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "frameworks/succession.html", context, status=400)
        try:
            mapping_doc = succession.read_mapping(form.cleaned_data["mapping_doc"])
        except FrameworkFileError as exc:
            context["problems"] = exc.problems
            return render(request, "frameworks/succession.html", context, status=400)
        result = succession.plan(form.cleaned_data["data"], mapping_doc, last_year=form.cleaned_data["last_year"])
        context["plan"] = result
        context["preview"] = succession.describe(result)
        if result.ok:
            context["token"] = signing.dumps(
                {"data": form.cleaned_data["data"], "mapping": mapping_doc, "last_year": result.last_year},
                salt=SALT,
                compress=True,
            )
        else:
            context["problems"] = result.problems
            status = 400
    return render(request, "frameworks/succession.html", context, status=status)


def _confirm(request):
    try:
        payload = signing.loads(request.POST["token"], salt=SALT, max_age=3600)
    except signing.BadSignature:
        return render(
            request,
            "frameworks/succession.html",
            {
                "form": SuccessionForm(),
                "problems": [_("The checked files expired or were changed; upload them again.")],
            },
            status=400,
        )
    result = succession.plan(payload["data"], payload["mapping"], last_year=payload["last_year"])
    try:
        framework = succession.apply(result, actor=request.user)
    except FrameworkFileError as exc:
        context = {"form": SuccessionForm(), "problems": exc.problems}
        return render(request, "frameworks/succession.html", context, status=400)
    messages.success(request, _("Framework %(code)s is loaded.") % {"code": framework.code})
    return redirect("frameworks:detail", code=framework.code)
