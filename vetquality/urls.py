from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from vetquality import views

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("frameworks/", include("frameworks.urls")),
    path("centres/", include("centres.urls")),
    path("reports/", include("reports.urls")),
    path("activity/", include("activity.urls")),
    path("analysis/", include("analysis.urls")),
    path("api/", include("api.urls")),
    path("surveys/", include("surveys.urls")),
    path("audit/", include("audit.urls")),
    path("s/", include("surveys.public_urls")),
    # A trivial view: the baseline the survey form benchmark compares against.
    path("healthz", lambda request: HttpResponse("ok", content_type="text/plain"), name="healthz"),
    path("django-admin/", admin.site.urls),
]
