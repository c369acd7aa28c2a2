"""One place that turns stored values into what people read: grade codes, statuses, points, yes/no, actions.

Diffs, the audit trail and documents call `label(kind, value)`, so a person never sees "good"
where the page means "добро", nor "1.5" where it means "1,5".
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.models import Status

ACTION_LABELS = {
    "open": gettext_lazy("Report opened"),
    "save": gettext_lazy("Draft saved"),
    "edit": gettext_lazy("Saved after submission"),
    "submit": gettext_lazy("Submitted"),
    "approve": gettext_lazy("Approved"),
    "reopen": gettext_lazy("Approval undone"),
    "assign": gettext_lazy("Assigned"),
    "return": gettext_lazy("Returned for correction"),
    "evidence_add": gettext_lazy("Evidence attached"),
    "evidence_delete": gettext_lazy("Evidence deleted"),
    "import": gettext_lazy("Imported"),
    "demo": gettext_lazy("Demo data"),
    "activity.saved": gettext_lazy("Activity information saved"),
    "activity.imported": gettext_lazy("Activity information uploaded"),
    "activity.replaced": gettext_lazy("Activity information replaced"),
}


def grade_names(framework=None):
    """{grade code: name} of the framework (or of every framework when none is given)."""
    from frameworks.models import GradeBand

    bands = GradeBand.objects.all() if framework is None else GradeBand.objects.filter(framework=framework)
    return dict(bands.values_list("code", "name"))


def label(kind, value, *, grades=None):
    """What a person reads for a stored `value` of the given kind ("grade", "status", "points", …)."""
    from reports.templatetags.report_tags import points as fmt_points

    if value is None or value == "":
        return "—"
    if kind == "grade":
        names = grades if grades is not None else grade_names()
        return names.get(value, value)
    if kind == "status":
        return Status(value).label if value in Status.values else value
    if kind in ("points", "total"):
        return fmt_points(value)
    if kind in ("zero_value", "yes_no"):
        return _("yes") if value else _("no")
    if kind == "on_time":
        return _("on time") if value else _("late")
    if kind == "action":
        return ACTION_LABELS.get(value, value)
    return value
