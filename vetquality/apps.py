from django.apps import AppConfig


class VetqualityConfig(AppConfig):
    name = "vetquality"
    verbose_name = "VETQuality"
