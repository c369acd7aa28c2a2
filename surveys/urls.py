from django.urls import path, re_path

from surveys import agency_views, views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/invite/", views.campaign_invite, name="campaign_invite"),
    path("campaigns/<int:pk>/links/", views.campaign_links, name="campaign_links"),
    path("campaigns/<int:pk>/qr.png", views.campaign_qr, name="campaign_qr"),
    path("campaigns/<int:pk>/print/", views.campaign_print, name="campaign_print"),
    path("campaigns/<int:pk>/results/", views.campaign_results, name="campaign_results"),
    path("centres/<int:centre_pk>/<int:year>/", views.centre_results, name="centre_results"),
    path("graduates/", views.graduates, name="graduates"),
    path("graduates/upload/", views.graduates_upload, name="graduates_upload"),
    path("graduates/from-course/", views.graduates_from_course, name="graduates_from_course"),
    path("answers/<int:pk>/visibility/", agency_views.text_visibility, name="text_visibility"),
    path("national/", agency_views.national, name="national"),
    re_path(r"^export/(?P<code>[-\w]+)/(?P<year>[0-9]{4})\.(?P<fmt>csv|xlsx)$", agency_views.export, name="export"),
    path("questionnaires/", agency_views.questionnaires, name="questionnaires"),
    path("questionnaires/versions/<int:pk>/", agency_views.version_detail, name="version"),
    path("questionnaires/versions/<int:pk>/add/", agency_views.question_add, name="question_add"),
    path("questionnaires/questions/<int:pk>/", agency_views.question_edit, name="question_edit"),
]
