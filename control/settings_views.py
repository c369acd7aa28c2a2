"""The documents' settings (signer, title, agency address): edited by the agency admin in the app."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audit.services import record
from centres.access import agency_admin_required
from control.forms import SettingsForm
from control.models import ControlSettings


@agency_admin_required
def settings_page(request):
    current = ControlSettings.current()
    if request.method == "POST":
        before = {f: getattr(current, f) for f in SettingsForm.Meta.fields}
        form = SettingsForm(request.POST, instance=current)
        if form.is_valid():
            saved = form.save()
            changes = {f: [before[f], getattr(saved, f)] for f in before if before[f] != getattr(saved, f)}
            record(actor=request.user, action="control_settings", obj=saved, changes=changes)
            messages.success(request, _("The settings are saved."))
            return redirect("control:settings")
        return render(request, "control/settings.html", {"form": form}, status=400)
    return render(request, "control/settings.html", {"form": SettingsForm(instance=current)})
