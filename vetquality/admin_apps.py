"""Kept apart from admin_site so that loading the app registry imports no models."""

from django.contrib.admin.apps import AdminConfig


class AgencyAdminConfig(AdminConfig):
    default_site = "vetquality.admin_site.AgencyAdminSite"
