from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path

from vetquality import views, year_views

urlpatterns = [
    path("", views.home, name="home"),
    path("year/", year_views.current_year, name="current_year"),
    path("year/<int:centre_id>/<int:year>/", year_views.centre_year, name="centre_year"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/", include("accounts.urls")),
    path("administration/", include("accounts.admin_urls")),
    path("frameworks/", include("frameworks.urls")),
    path("registry/", include("centres.urls")),
    path("reports/", include("reports.urls")),
    path("activity/", include("activity.urls")),
    path("analysis/", include("analysis.urls")),
    path("api/", include("api.urls")),
    path("surveys/", include("surveys.urls")),
    path("control/", include("control.urls")),
    path("exports/", include("exports.urls")),
    path("audit/", include("audit.urls")),
    path("s/", include("surveys.public_urls")),
    path("assessment/", include("assessment.urls")),
    # A trivial view: the baseline the survey form benchmark compares against.
    path("healthz", lambda request: HttpResponse("ok", content_type="text/plain"), name="healthz"),
    path("django-admin/", admin.site.urls),
    path("", include("public.urls")),
]
