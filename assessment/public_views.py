"""The graduate's page behind the personal link: agree to take part (with consent) or decline politely."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from assessment import services
from assessment.forms import ResponseForm
from assessment.models import Participant


def invitation(request, token):
    participant = get_object_or_404(
        Participant.objects.select_related("session__body", "session__outcome_set__profession"), token=token
    )
    form = ResponseForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        accept = "accept" in request.POST
        try:
            services.respond(participant, accept=accept, consent=form.cleaned_data["consent"])
        except services.Refused as refusal:
            form.add_error("consent" if accept else None, str(refusal))
            status = 400
        else:
            message = (
                _("Thank you: we expect you at the assessment.")
                if accept
                else _("Thank you for letting us know. You will not be contacted about this assessment again.")
            )
            return render(request, "assessment/public/thanks.html", {"message": message})
    return render(
        request,
        "assessment/public/invitation.html",
        {"participant": participant, "session": participant.session, "form": form},
        status=status,
    )
