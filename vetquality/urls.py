from django.contrib import admin
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
    path("django-admin/", admin.site.urls),
]
