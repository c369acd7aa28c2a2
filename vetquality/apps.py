from django.apps import AppConfig


class VetqualityConfig(AppConfig):
    name = "vetquality"
    verbose_name = "VETQuality"

    def ready(self):
        # The panels shown beside a report (activity information, surveys): the project knows every app.
        from vetquality import year_data

        year_data.register()
