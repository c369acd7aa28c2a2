from django.urls import path

from activity import views

app_name = "activity"
urlpatterns = [
    path("", views.index, name="index"),
    path("centre/<int:pk>/", views.centre_overview, name="centre"),
    path("centre/<int:pk>/<int:year>/", views.edit, name="edit"),
    path("centre/<int:pk>/<int:year>/template.xlsx", views.template_download, name="template"),
    path("centre/<int:pk>/<int:year>/upload/", views.upload, name="upload"),
    path("centre/<int:pk>/eqavet/", views.eqavet_page, name="eqavet"),
    path("centre/<int:pk>/eqavet/chart.svg", views.eqavet_chart, name="eqavet_chart"),
]
