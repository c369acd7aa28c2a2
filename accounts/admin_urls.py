"""The agency administrator's own pages (mounted at /administration/)."""

from django.urls import path

from accounts import admin_views

app_name = "administration"

urlpatterns = [
    path("users/", admin_views.user_list, name="users"),
    path("users/invite/", admin_views.user_invite, name="user_invite"),
    path("users/<int:pk>/", admin_views.user_detail, name="user_detail"),
    path("users/<int:pk>/deactivate/", admin_views.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/reactivate/", admin_views.user_reactivate, name="user_reactivate"),
    path("users/<int:pk>/invite-again/", admin_views.user_resend_invitation, name="user_resend_invitation"),
    path("lockouts/", admin_views.lockout_list, name="lockouts"),
]
