"""Counts for the rows of a list page, computed for those rows only.

Annotating `Count("responses")` and `Count("invitations")` on the campaign list joined both tables to
every campaign before pagination: responses × invitations rows per campaign (join fan-out), so the
page cost grew with the square of the counts. Here the page is cut first and each count is one
GROUP BY over the page's ids, through the foreign-key indexes: two queries, whatever the counts.
"""

from django.db.models import Count

from surveys.models import Invitation, Response


def _counts(model, campaign_ids):
    return dict(
        model.objects.filter(campaign_id__in=campaign_ids).values_list("campaign_id").annotate(n=Count("id")).order_by()
    )


def with_counts(campaigns):
    """The campaigns (a page's rows) as a list, each with `n_responses` and `n_invited` set."""
    campaigns = list(campaigns)
    ids = [c.pk for c in campaigns]
    responses = _counts(Response, ids) if ids else {}
    invited = _counts(Invitation, ids) if ids else {}
    for campaign in campaigns:
        campaign.n_responses = responses.get(campaign.pk, 0)
        campaign.n_invited = invited.get(campaign.pk, 0)
    return campaigns
