from django.urls import path

from assessment import findings_views, public_views, session_views, views

app_name = "assessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("bodies/", views.bodies, name="bodies"),
    path("samples/new/", views.sample_new, name="sample_new"),
    path("samples/<int:pk>/", views.sample_detail, name="sample"),
    path("monitoring/", views.monitoring_open, name="monitoring_open"),
    path("sessions/new/", session_views.session_new, name="session_new"),
    path("sessions/<int:pk>/", session_views.session_detail, name="session"),
    path("sessions/<int:pk>/assign/", session_views.session_assign, name="session_assign"),
    path("sessions/<int:pk>/invite/", session_views.session_invite, name="session_invite"),
    path("sessions/<int:pk>/finish/", session_views.session_finish, name="session_finish"),
    path("sessions/<int:pk>/publish/", session_views.session_publish, name="session_publish"),
    path("sessions/<int:pk>/participants/<int:participant_pk>/", session_views.marks, name="marks"),
    path("findings/", findings_views.findings, name="findings"),
    path("findings/export.<str:fmt>", findings_views.export, name="export"),
    path("findings/pilot-report.<str:fmt>", findings_views.pilot_document, name="pilot_document"),
    # The graduate's personal link: no login, the token is the key.
    path("invitation/<str:token>/", public_views.invitation, name="invitation"),
]
