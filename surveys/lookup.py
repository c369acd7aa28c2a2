"""The public form's campaign behind an open link, with what the page names: kept in each process.

Each process keeps the campaigns it has read (`KEPT`), so the form's GET and POST usually read
nothing from the database: profiled on PostgreSQL under load, the lookup and its round trip were a
fifth of an answer's cost. Every change that the public pages show (a campaign, its centre,
questionnaire or version saved or deleted; see `surveys.signals`) calls `forget()`: it empties this
process's campaigns at once and, after the commit, changes a generation number in the shared cache.
Every process reads that number, and the register's version (`centres.registry_version`, which the
register import moves when it renames centres in bulk), at most once per `CHECK_SECONDS`: an edit
reaches the other app servers within a second.

A campaign is read with one hand-written statement (tables and columns taken from the models) on a
plain cursor, instead of a `select_related` query: compiling that query cost more than everything
else a request on the public form does. Each object carries the fields the public pages and
`services.submit_response` use; any other field is deferred and would be read on access, so a later
use of another field costs a query but can never see a wrong value.
"""

import secrets
import threading
import time
from functools import cache

from django.core.cache import cache as shared_cache
from django.db import connection, transaction

from centres import registry_version
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


GENERATION_KEY = "surveys:open-links:generation"
CHECK_SECONDS = 1.0
MAX_KEPT = 4096  # campaigns per process; beyond it the process starts afresh (no unbounded growth)

KEPT = {}  # token -> campaign, as read at the generation in _SEEN
_SEEN = {"generation": None, "checked": None}
_LOCK = threading.Lock()


def forget():
    """A change the public form shows: this process forgets its campaigns now, every other within
    CHECK_SECONDS of the commit (a new generation in the shared cache).

    The generation changes after the commit: changed before it, another process could read the old
    row after seeing the new generation, and keep it."""
    forget_here()
    transaction.on_commit(_new_generation)


def forget_here():
    """This process only: its campaigns, and when it last read the generation."""
    with _LOCK:
        KEPT.clear()
        _SEEN["checked"] = None


def _new_generation():
    shared_cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def _current():
    """Empty KEPT when another process changed the generation (read at most once per CHECK_SECONDS)."""
    now = time.monotonic()
    checked = _SEEN["checked"]
    if checked is not None and now - checked < CHECK_SECONDS:
        return
    own = shared_cache.get(GENERATION_KEY)
    if own is None:
        # Never set, or the cache was emptied: set one, so a later emptying is seen as a change too.
        shared_cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        own = shared_cache.get(GENERATION_KEY)
    # The register's version too: the register import renames centres in bulk, without signals.
    generation = (own, registry_version.current())
    with _LOCK:
        if generation != _SEEN["generation"]:
            KEPT.clear()
            _SEEN["generation"] = generation
        _SEEN["checked"] = now


def open_campaign(token):
    """The open-link campaign with `token`, with its centre, version and questionnaire; None if none.

    The object is shared by the process's requests: read it, never change it."""
    _current()
    campaign = KEPT.get(token)
    if campaign is None:
        campaign = read_open_campaign(token)
        if campaign is not None:  # unknown tokens are not kept: guessing must not fill the memory
            with _LOCK:
                if len(KEPT) >= MAX_KEPT:
                    KEPT.clear()
                KEPT[token] = campaign
    return campaign


def read_open_campaign(token):
    """The campaign from the database (one statement), not kept."""
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
