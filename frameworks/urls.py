from django.urls import path

from frameworks import succession_views, views

app_name = "frameworks"
urlpatterns = [
    path("", views.framework_list, name="list"),
    path("succession/", succession_views.succession_upload, name="succession"),
    path("<str:code>/", views.framework_detail, name="detail"),
    path("<str:code>/export.json", views.framework_export, name="export"),
]
