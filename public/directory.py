"""The public directory: what the query string asks for, and the centres that answer it.

Unknown or malformed values are ignored (the nearest sensible result), never an error: a shared
link with a stale filter still opens. Filtering and sorting run over the published snapshot, so a
search costs no query at all beyond building that snapshot once per change.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from centres.models import CentreKind
from centres.regions import Region
from public.records import GRADE_ORDER
from public.search import MAX_QUERY, matches, query_terms

SORTS = ("name", "grade", "satisfaction", "placement")
PER_PAGE = 20
MAX_COMPARE = 4
FLAGS = ("iso", "validation", "surveys", "revoked")


def clean(value, limit=MAX_QUERY):
    """A query-string value as text we can use: NUL and control characters gone, length bounded."""
    text = "".join(ch for ch in str(value or "")[: limit * 2] if ch.isprintable())
    return " ".join(text.split())[:limit]


def compare_list(values, known):
    """The licence numbers to compare: known ones, each once, at most MAX_COMPARE; and whether any was dropped."""
    chosen, dropped = [], False
    for value in values[:200]:
        licence = clean(value, 20)
        if licence in known and licence not in chosen:
            if len(chosen) < MAX_COMPARE:
                chosen.append(licence)
            else:
                dropped = True
        elif licence:
            dropped = True
    return chosen, dropped


@dataclass
class DirectoryQuery:
    q: str = ""
    kind: str = ""
    region: str = ""
    municipality: str = ""
    field_code: str = ""
    profession: str = ""
    specialty: str = ""
    grade: str = ""
    sort: str = "name"
    flags: dict = field(default_factory=dict)
    compare: list = field(default_factory=list)

    @classmethod
    def from_get(cls, get, snapshot):
        def one(name, allowed=None, limit=MAX_QUERY):
            value = clean(get.get(name, ""), limit)
            return value if allowed is None or value in allowed else ""

        query = cls(
            q=one("q"),
            kind=one("kind", CentreKind.values),
            region=one("region", Region.values),
            field_code=one("field", snapshot.fields, 3),
            profession=one("profession", snapshot.professions, 6),
            specialty=one("specialty", snapshot.specialties, 7),
            grade=one("grade", (*GRADE_ORDER, "none")),
            sort=one("sort", SORTS) or "name",
            flags={flag: get.get(flag) == "1" for flag in FLAGS},
        )
        municipality = one("municipality", limit=100)
        known = {c.municipality for c in snapshot.centres if c.municipality}
        query.municipality = municipality if municipality in known else ""
        query.compare, _dropped = compare_list(get.getlist("c"), snapshot.by_licence)
        return query

    def params(self, **changes):
        """The query as URL parameters (filters only when set), with `changes` applied."""
        values = {
            "q": self.q,
            "kind": self.kind,
            "region": self.region,
            "municipality": self.municipality,
            "field": self.field_code,
            "profession": self.profession,
            "specialty": self.specialty,
            "grade": self.grade,
            "sort": "" if self.sort == "name" else self.sort,
            **{flag: "1" if on else "" for flag, on in self.flags.items()},
        }
        values.update(changes)
        pairs = [(k, v) for k, v in values.items() if v]
        pairs += [("c", licence) for licence in changes.get("c_list", self.compare)]
        return urlencode([(k, v) for k, v in pairs if k != "c_list"])

    @property
    def is_filtered(self):
        return any(
            (self.q, self.kind, self.region, self.municipality, self.field_code, self.profession, self.specialty)
        )


def _rank_value(figure):
    return -figure.value if figure.shown else 1


def find(snapshot, query):
    """The centres that answer `query`, in its order."""
    terms = query_terms(query.q)
    rows = []
    for centre in snapshot.centres:
        if not query.flags.get("revoked") and not centre.licence.active:
            continue
        if query.kind and centre.kind != query.kind:
            continue
        if query.region and centre.region != query.region:
            continue
        if query.municipality and centre.municipality != query.municipality:
            continue
        if query.field_code and query.field_code not in centre.field_codes:
            continue
        if query.profession and query.profession not in centre.profession_codes:
            continue
        if query.specialty and query.specialty not in centre.specialty_codes:
            continue
        if query.grade:
            grade = centre.grade
            code = grade.value[1] if grade.shown else ""
            if (query.grade == "none" and code) or (query.grade != "none" and code != query.grade):
                continue
        if query.flags.get("iso") and not centre.iso_9001:
            continue
        if query.flags.get("validation") and not centre.offers_validation:
            continue
        if query.flags.get("surveys") and not centre.has_survey_results:
            continue
        if terms and not matches(terms, centre.search_key, centre.licence_number):
            continue
        rows.append(centre)
    if query.sort == "grade":
        rows.sort(key=lambda c: (c.grade_rank, -(c.last.total or 0) if c.grade.shown and c.last else 0))
    elif query.sort == "satisfaction":
        rows.sort(key=lambda c: _rank_value(c.satisfaction))
    elif query.sort == "placement":
        rows.sort(key=lambda c: _rank_value(c.placement))
    return rows  # already by name: the snapshot is
