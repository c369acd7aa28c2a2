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


def centre_controls(centre, user):
    """A centre's controls and open recommendations, as `user` may see them (for the centre's history
    page and the report review page: add it to their context as "controls" and include
    control/includes/centre_controls.html)."""
    from control.models import Control, Finding

    visible = Control.objects.visible_to(user).filter(centre=centre).order_by("-year", "-pk")
    controls = list(visible[:10])
    open_recommendations = list(
        Finding.objects.filter(control__in=[c.pk for c in controls], fulfilled__isnull=True)
        .exclude(control__state__in=["cancelled", "closed", "escalated"])
        .select_related("control")
        .order_by("deadline")
    )
    return {"controls": controls, "open_recommendations": open_recommendations}
