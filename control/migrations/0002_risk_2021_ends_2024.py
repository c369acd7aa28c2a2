"""RISK-2021 applies up to 2024: from 2025 the bundled RISK-2025 (with the independent-assessment gap) does.

A new database loads both files after migrate (control.loader.load_bundled); a database that already
holds RISK-2021 gets its last year here, so that its stored model says what the bundled file says.
"""

from django.db import migrations


def end_risk_2021(apps, schema_editor):
    RiskModel = apps.get_model("control", "RiskModel")
    RiskModel.objects.filter(code="RISK-2021", last_year__isnull=True).update(last_year=2024)


def reopen_risk_2021(apps, schema_editor):
    RiskModel = apps.get_model("control", "RiskModel")
    RiskModel.objects.filter(code="RISK-2021", last_year=2024).update(last_year=None)


class Migration(migrations.Migration):
    dependencies = [("control", "0001_initial")]

    operations = [migrations.RunPython(end_risk_2021, reopen_risk_2021)]
