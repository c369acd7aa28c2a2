"""What the expert's home page shows about controls: open cases and overdue steps.

For the lead to wire into vetquality's home: add `control_home(request.user)` to the
agency home context (as "control") and `{% include "control/includes/home_panel.html" %}`.
"""

from django.db.models import Count

from control import timers
from control.models import Control


def control_home(user, today=None):
    today = today or timers.today()
    controls = (
        Control.objects.open()
        .filter(inspectors=user)
        .select_related("centre")
        .annotate(finding_count=Count("findings"))
        .order_by("centre__name")
    )
    rows = [{"control": c, "deadline": timers.next_deadline(c, today)} for c in controls]
    overdue = [r for r in rows if r["deadline"] and r["deadline"].overdue]
    return {"open": rows, "overdue": overdue}
