"""The agency administrator's list of reads of sensitive data, with filters (who, what, centre, dates)."""

import datetime as dt

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from audit.models import ReadKind, ReadRecord
from centres.access import agency_admin_required
from inputs.forms import BoundedInputsMixin

PAGE_SIZE = 100


class ReadFilterForm(BoundedInputsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("What"), choices=[("", _("All"))] + list(ReadKind.choices), required=False)
    user = forms.CharField(label=_("User"), max_length=150, required=False)
    centre = forms.CharField(label=_("Centre (licence or name)"), max_length=100, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        for name in ("since", "until"):
            day = cleaned.get(name)
            if day and not dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31):
                self.add_error(name, _("Choose a date between 2000 and 2100."))
        return cleaned


def filtered_reads(cleaned):
    reads = ReadRecord.objects.select_related("actor", "centre")
    if cleaned.get("kind"):
        reads = reads.filter(kind=cleaned["kind"])
    if cleaned.get("user"):
        reads = reads.filter(actor__username__icontains=cleaned["user"])
    if cleaned.get("centre"):
        term = cleaned["centre"]
        reads = reads.filter(centre__licence_number=term) | reads.filter(centre__name__icontains=term)
    if cleaned.get("since"):
        reads = reads.filter(at__date__gte=cleaned["since"])
    if cleaned.get("until"):
        reads = reads.filter(at__date__lte=cleaned["until"])
    return reads.order_by("-at", "-id")


@agency_admin_required
def reads(request):
    form = ReadFilterForm(request.GET or None)
    cleaned = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(filtered_reads(cleaned), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/reads.html",
        {"form": form, "page": page, "query_string": query.urlencode()},
        status=400 if form.is_bound and form.errors else 200,
    )
