from django.urls import path

from exports import views

app_name = "exports"

urlpatterns = [
    path("", views.my_exports, name="list"),
    path("<uuid:pk>/", views.job_page, name="job"),
    path("<uuid:pk>/progress/", views.job_progress, name="progress"),
    path("<uuid:pk>/download/", views.download, name="download"),
]
