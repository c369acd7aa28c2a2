from django.urls import path

from analysis import history_views, practice_views, views

app_name = "analysis"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.import_view, name="import"),
    path("history/", history_views.history_page, name="history"),
    path("history/template-<str:kind>.<str:fmt>", history_views.history_template, name="history_template"),
    path("<int:year>/", views.dashboard, name="dashboard"),
    path("<int:year>/counting/", history_views.counting_rule, name="counting"),
    path("<int:year>/practices/", practice_views.practice_list, name="practices"),
    path("<int:year>/practices/<int:report_id>/quote/", practice_views.practice_quote, name="practice_quote"),
    path("<int:year>/texts/", views.edit_texts, name="texts"),
    path("<int:year>/reports.xlsx", views.reports_export, name="reports_xlsx"),
    path("<int:year>/analysis.<str:fmt>", views.document_download, name="document"),
    path("<int:year>/tables/<slug:key>.<str:fmt>", views.table_download, name="table"),
]
