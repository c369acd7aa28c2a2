"""The public form's one read per request: the campaign behind an open link, with what the page names.

One hand-written statement (tables and columns taken from the models) on a plain cursor, instead of a
`select_related` query: compiling that query cost more than everything else a request on the public
form does, and the form is the system's hot path (the benchmark in `bench/`). Each object carries the
fields the public pages and `services.submit_response` use; any other field is deferred and would be
read on access, so a later use of another field costs a query but can never see a wrong value.
"""

from functools import cache

from django.db import connection

from centres.models import Centre
from surveys.models import Campaign, CampaignMode, Questionnaire, QuestionnaireVersion

# (model, table alias, fields read) in the order of the statement's columns.
READ = (
    (
        Campaign,
        "c",
        (
            "id",
            "centre",
            "version",
            "label",
            "year",
            "course",
            "opens_on",
            "closes_on",
            "mode",
            "followup_months",
            "open_token",
            "automatic",
        ),
    ),
    (Centre, "ce", ("id", "name")),
    (QuestionnaireVersion, "v", ("id", "questionnaire", "number", "frozen")),
    (Questionnaire, "qn", ("id", "code", "kind", "title", "purpose")),
)


@cache
def _fields(model, names):
    """The named fields in the model's own order, the order `Model.from_db` expects."""
    return tuple(f for f in model._meta.concrete_fields if f.name in names)


@cache
def _open_link_sql():
    q = connection.ops.quote_name
    columns = [f"{alias}.{q(f.column)}" for model, alias, names in READ for f in _fields(model, names)]
    campaign, centre, version, questionnaire = (q(model._meta.db_table) for model, _, _ in READ)
    # Only model metadata goes into the text; the token and mode are parameters.
    return (
        f"SELECT {', '.join(columns)} FROM {campaign} c "  # noqa: S608
        f"JOIN {centre} ce ON ce.{q('id')} = c.{q('centre_id')} "
        f"JOIN {version} v ON v.{q('id')} = c.{q('version_id')} "
        f"JOIN {questionnaire} qn ON qn.{q('id')} = v.{q('questionnaire_id')} "
        f"WHERE c.{q('open_token')} = %s AND c.{q('mode')} = %s"
    )


def open_campaign(token):
    """The open-link campaign with `token`, with its centre, version and questionnaire; None if none."""
    with connection.cursor() as cursor:
        cursor.execute(_open_link_sql(), [token, CampaignMode.OPEN])
        row = cursor.fetchone()
    if row is None:
        return None
    values = iter(row)
    objects = []
    for model, _, names in READ:
        fields = _fields(model, names)
        # to_python gives every backend's raw value its Python type (dates, booleans).
        objects.append(
            model.from_db(connection.alias, [f.attname for f in fields], [f.to_python(next(values)) for f in fields])
        )
    campaign, centre, version, questionnaire = objects
    version.questionnaire = questionnaire
    campaign.centre = centre
    campaign.version = version
    return campaign
