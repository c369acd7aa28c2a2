"""What the public survey form keeps in each process (`surveys.lookup`) follows every change it shows."""

from django.db.models.signals import post_delete, post_save

from centres.models import Centre
from surveys import lookup
from surveys.models import Campaign, Questionnaire, QuestionnaireVersion

# The open-link page shows the campaign, its centre's name, the questionnaire and its version.
SHOWN = (Campaign, Centre, Questionnaire, QuestionnaireVersion)


def _forget(sender, **kwargs):
    lookup.forget()


def connect():
    for model in SHOWN:
        for signal in (post_save, post_delete):
            signal.connect(_forget, sender=model, dispatch_uid=f"surveys.lookup.forget.{model.__name__}")
