from django import template

register = template.Library()


@register.inclusion_tag("reports/includes/review_feedback.html")
def review_feedback(report):
    """The agency's comment and notes on the version it returned, for the centre correcting the report."""
    notes = []
    if report.status == "returned" and report.last_submission_id:
        notes = list(
            report.review_notes.filter(submission_id=report.last_submission_id)
            .select_related("criterion")
            .order_by("criterion__order", "created_at")
        )
    return {
        "report": report,
        "general_notes": [n for n in notes if n.criterion_id is None],
        "criterion_notes": [n for n in notes if n.criterion_id is not None],
    }
