from django.urls import path

from reports import deadline_views, documents, evidence_views, history, review_views, submit_views, views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("open/", views.open_current, name="open"),
    path("<int:pk>/", views.report_form, name="form"),
    path("<int:pk>/summary/", views.score_summary, name="summary"),
    path("<int:pk>/autosave/", views.autosave, name="autosave"),
    path("<int:pk>/check/", submit_views.check, name="check"),
    path("<int:pk>/submit/", submit_views.submit, name="submit"),
    path("<int:pk>/evidence/", evidence_views.evidence_upload, name="evidence_upload"),
    path("<int:pk>/evidence/<int:evidence_pk>/", evidence_views.evidence_download, name="evidence"),
    path("<int:pk>/evidence/<int:evidence_pk>/delete/", evidence_views.evidence_delete, name="evidence_delete"),
    # The agency's review, versions, audit trail, documents and a centre's history (reports.review_views & co.)
    path("review/", review_views.queue, name="queue"),
    # The agency admin's reporting years: deadlines and per-centre extensions (reports.deadline_views)
    path("years/", deadline_views.years, name="years"),
    path("years/<int:year>/", deadline_views.year_detail, name="year"),
    path("years/<int:year>/extensions/<int:pk>/revoke/", deadline_views.revoke, name="revoke_extension"),
    path("<int:pk>/review/", review_views.review, name="review"),
    path("<int:pk>/assign/", review_views.assign, name="assign"),
    path("<int:pk>/reopen/", review_views.reopen, name="reopen"),
    path("<int:pk>/versions/<int:number>/", review_views.version, name="version"),
    path("<int:pk>/audit/", review_views.audit_trail, name="audit"),
    path("<int:pk>/document.pdf", documents.pdf_view, name="document_pdf"),
    path("<int:pk>/document.docx", documents.docx_view, name="document_docx"),
    path("history/<int:centre_id>/", history.history_view, name="history"),
    path("history/<int:centre_id>/chart.svg", history.chart_view, name="history_chart"),
]
