from django.urls import path

from frameworks import views

app_name = "frameworks"
urlpatterns = [
    path("", views.framework_list, name="list"),
    path("<str:code>/", views.framework_detail, name="detail"),
    path("<str:code>/export.json", views.framework_export, name="export"),
]
