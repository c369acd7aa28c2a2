"""The risk signals the system knows how to compute, and the thresholds each one reads from the risk model data.

The weights and thresholds themselves are data (control/data/risk-*.json); this module only
names the signals, so that a risk model file can be checked before it is loaded.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SignalSpec:
    code: str
    title: str
    thresholds: tuple = ()
    # Thresholds that must rise in this order (a band that starts and ends).
    ascending: tuple = ()


SIGNALS = {
    s.code: s
    for s in (
        SignalSpec("report_missing", _("Report missing")),
        SignalSpec("report_late", _("Report late"), ("full_at_days",)),
        SignalSpec("zero_value", _("Zero-value report")),
        SignalSpec("returned_not_corrected", _("Returned and not corrected")),
        SignalSpec("low_total", _("Low total or grade"), ("below_share",)),
        SignalSpec("total_fall", _("Fall of the total from last year"), ("fall_points",)),
        SignalSpec("total_rise", _("Implausible rise of the total"), ("rise_points",)),
        SignalSpec("level_disagreement", _("Levels the centre's own data do not support"), ("full_at",)),
        SignalSpec("survey_response_rate", _("Low survey response rate"), ("below_percent",)),
        SignalSpec("survey_satisfaction", _("Low satisfaction in surveys"), ("below_percent",)),
        SignalSpec("graduate_placement", _("Low graduate placement"), ("below_percent",)),
        SignalSpec("years_since_control", _("Years since the last control"), ("full_at_years",)),
        SignalSpec(
            "last_control_findings",
            _("Findings of the last control"),
            ("open_recommendation", "substantial", "violation", "irregularity", "full_at"),
        ),
        SignalSpec("new_licence", _("New licence"), ("years",)),
        SignalSpec(
            "assessment_gap",
            _("Gap between the centre's own exams and the independent assessment"),
            ("from_points", "full_at_points"),
            ascending=("from_points", "full_at_points"),
        ),
    )
}
