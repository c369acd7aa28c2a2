from django.apps import AppConfig


class DbRoutingConfig(AppConfig):
    name = "dbrouting"
    verbose_name = "Database routing"
