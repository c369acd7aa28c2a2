"""What the expert's home page shows about controls (open cases and overdue steps), and a centre's
controls for its record (the history, review and year pages, through control.templatetags.control_record).

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
    """A centre's last controls and its open recommendations, as `user` may see them, in two queries
    (for the centre's record: `{% load control_record %}{% centre_controls centre %}`)."""
    from control.models import Control, Finding, State

    visible = Control.objects.visible_to(user).filter(centre=centre).order_by("-year", "-pk")
    controls = list(visible[:10])
    # A recommendation is given with the protocol and stays open until it is found fulfilled; an inspection's
    # findings in progress are not recommendations yet (as the centre's checklist view holds).
    in_force = [c.pk for c in controls if c.state in (State.PROTOCOL_ISSUED, State.OBJECTION_WINDOW, State.REMEDY)]
    open_recommendations = (
        list(
            Finding.objects.filter(control__in=in_force)
            .exclude(fulfilled=True)
            .select_related("control")
            .order_by("deadline", "pk")
        )
        if in_force
        else []
    )
    return {"controls": controls, "open_recommendations": open_recommendations}
