from django.shortcuts import render
from django.utils import timezone

from centres.access import is_agency, is_centre_user
from public.views import start_page
from vetquality import home_data


def home(request):
    user = request.user
    today = timezone.localdate()
    if is_centre_user(user):
        return render(request, "home/centre.html", home_data.for_centre(user.centre, today, user))
    if is_agency(user):
        return render(request, "home/agency.html", home_data.for_agency(today, user))
    return start_page(request)
