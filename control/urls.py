from django.urls import path

from control import centre_views, checklist_views, dashboard, documents, ranking_views, settings_views, views

app_name = "control"

urlpatterns = [
    path("", views.control_list, name="list"),
    path("ranking/", ranking_views.ranking, name="ranking"),
    path("ranking/export.<str:fmt>", ranking_views.ranking_export, name="ranking_export"),
    path("ranking/plan/", ranking_views.plan, name="plan"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/<slug:code>.<str:fmt>", dashboard.table_export, name="table_export"),
    path("settings/", settings_views.settings_page, name="settings"),
    path("<int:pk>/", views.case, name="case"),
    path("<int:pk>/order/", views.order, name="order"),
    path("<int:pk>/step/<slug:action>/", views.step, name="step"),
    path("<int:pk>/checklist/", checklist_views.checklist, name="checklist"),
    path("<int:pk>/findings/add/", checklist_views.add_finding, name="add_finding"),
    path("<int:pk>/findings/<int:finding_pk>/delete/", checklist_views.delete_finding, name="delete_finding"),
    path("<int:pk>/findings/<int:finding_pk>/mark/", views.mark, name="mark"),
    path("<int:pk>/objection/", centre_views.objection, name="objection"),
    path("<int:pk>/fulfilment/", centre_views.fulfilment, name="fulfilment"),
    path("<int:pk>/files/<int:file_pk>/", views.file_download, name="file"),
    path("<int:pk>/documents/<slug:code>.<str:fmt>", documents.document_view, name="document"),
]
