from django.urls import path

from centres import views

app_name = "centres"
urlpatterns = [
    path("", views.centre_list, name="list"),
    path("import/", views.centre_import, name="import"),
    path("add/", views.centre_add, name="add"),
    path("<int:pk>/", views.centre_detail, name="detail"),
    path("<int:pk>/edit/", views.centre_edit, name="edit"),
]
