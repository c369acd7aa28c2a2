from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("open/", views.open_current, name="open"),
    path("<int:pk>/", views.report_form, name="form"),
    path("<int:pk>/summary/", views.score_summary, name="summary"),
    path("<int:pk>/check/", views.check, name="check"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence"),
    path("<int:pk>/evidence/<int:evidence_pk>/delete/", views.evidence_delete, name="evidence_delete"),
]
