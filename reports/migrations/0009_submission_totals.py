"""Each submission's area totals, and the flag of the version national figures count, stored on it.

The data migration fills both for existing submissions from what they were derived from: the
flag from `Report.last_submission`, the area totals from the version's SubmissionScore rows (in
one GROUP BY, written in batches), so the figures read the same numbers before and after.
"""

from decimal import Decimal

from django.db import migrations, models
from django.db.models import Sum

BATCH = 2000


def fill(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Submission = apps.get_model("reports", "Submission")
    SubmissionScore = apps.get_model("reports", "SubmissionScore")
    last = Report.objects.filter(last_submission__isnull=False).values("last_submission_id")
    Submission.objects.filter(pk__in=last).update(counted=True)
    totals = {}
    rows = (
        SubmissionScore.objects.filter(submission__report__framework__scoring="points")
        .values_list("submission_id", "criterion__area__code")
        .annotate(points=Sum("points"))
        .order_by()
    )
    for submission_id, area, points in rows:
        totals.setdefault(submission_id, {})[area] = format(Decimal(points or 0).quantize(Decimal("0.01")), "f")
    ids = list(totals)
    for start in range(0, len(ids), BATCH):
        batch = list(Submission.objects.filter(pk__in=ids[start : start + BATCH]))
        for submission in batch:
            submission.area_totals = totals[submission.pk]
        Submission.objects.bulk_update(batch, ["area_totals"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_reportingyear_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="area_totals",
            field=models.JSONField(blank=True, default=dict, verbose_name="points per area"),
        ),
        migrations.AddField(
            model_name="submission",
            name="counted",
            field=models.BooleanField(default=False, verbose_name="counted in national figures"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
