"""Read, validate and load files of learning outcomes (the format of assessment/data/*.json).

A file holds, for one or more professions, the units of learning outcomes with their codes and
descriptions and the scale their results are given on. validate() lists every problem it finds;
load() saves nothing unless the whole file is valid.

    {"format": 1, "first_year": 2024, "source": "...",
     "fields": [{"code": "811", "name": "..."}],
     "professions": [{"profession": "811070", "specialty": "8110701",
                      "scale": {"kind": "numeric", "min": 0, "max": 4, "pass": 2},
                      "units": [{"code": "ЕРУ 1", "title": "...", "description": "..."}]}]}
"""

import json
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from activity.models import Profession, Specialty
from assessment.models import OutcomeSet, OutcomeUnit, ProfessionalField, ScaleKind

BUNDLED_DIR = Path(__file__).resolve().parent / "data"
FORMAT_VERSION = 1


class OutcomesFileError(Exception):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def read_file(path):
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise OutcomesFileError([_("%(path)s: no such file") % {"path": path}]) from None
    except OSError as exc:
        raise OutcomesFileError([_("%(path)s: cannot be read (%(error)s)") % {"path": path, "error": exc}]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise OutcomesFileError(
            [_("%(path)s: not a valid UTF-8 JSON file (%(error)s)") % {"path": path, "error": exc}]
        ) from None


def _text(problems, where, value, max_length, required=True):
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        problems.append(f"{where}: " + _("is missing or not text"))
        return ""
    if len(value.strip()) > max_length:
        problems.append(f"{where}: " + _("is longer than %(max)s characters") % {"max": max_length})
    return value.strip()


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _validate_scale(problems, where, scale):
    where = f"{where}, " + _("scale")
    if not isinstance(scale, dict) or scale.get("kind") not in ScaleKind.values:
        problems.append(f"{where}: " + _("kind must be one of %(kinds)s") % {"kinds": ", ".join(ScaleKind.values)})
        return
    if scale["kind"] == ScaleKind.NUMERIC:
        low, high, bar = scale.get("min"), scale.get("max"), scale.get("pass")
        if not (_is_int(low) and _is_int(high) and _is_int(bar) and 0 <= low < high <= 100 and low <= bar <= high):
            problems.append(f"{where}: " + _("a numeric scale needs whole numbers min < max and a pass mark between"))
        return
    levels = scale.get("levels")
    if not isinstance(levels, list) or len(levels) < 2:
        problems.append(f"{where}: " + _("a categorical scale needs at least two levels"))
        return
    seen = set()
    for index, level in enumerate(levels, start=1):
        here = f"{where}, " + _("level %(n)s") % {"n": index}
        if not isinstance(level, dict):
            problems.append(f"{here}: " + _("is not an object"))
            continue
        value = _text(problems, f"{here}, value", level.get("value"), 40)
        _text(problems, f"{here}, label", level.get("label"), 100)
        if not isinstance(level.get("pass"), bool):
            problems.append(f"{here}, pass: " + _("must be true or false"))
        if value and value in seen:
            problems.append(f"{here}: " + _("the value %(value)s appears twice") % {"value": value})
        seen.add(value)
    if not any(isinstance(level, dict) and level.get("pass") is True for level in levels):
        problems.append(f"{where}: " + _("no level counts as achieved"))


def _validate_units(problems, where, units):
    if not isinstance(units, list) or not units:
        problems.append(f"{where}: " + _("the profession has no units of learning outcomes"))
        return
    seen = set()
    for index, unit in enumerate(units, start=1):
        here = f"{where}, " + _("unit %(n)s") % {"n": index}
        if not isinstance(unit, dict):
            problems.append(f"{here}: " + _("is not an object"))
            continue
        code = _text(problems, f"{here}, code", unit.get("code"), 20)
        _text(problems, f"{here}, title", unit.get("title"), 300)
        _text(problems, f"{here}, description", unit.get("description"), 5000, required=False)
        if code and code in seen:
            problems.append(f"{here}: " + _("the unit code %(code)s appears twice") % {"code": code})
        seen.add(code)


def validate(data, *, replacing=False):
    """Return the list of problems with an outcomes document (empty when valid)."""
    if not isinstance(data, dict):
        return [_("the file must hold one JSON object")]
    problems = []
    if data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        problems.append("format: " + _("%(value)s is not a supported format version") % {"value": data.get("format")})
    first_year = data.get("first_year")
    if not _is_int(first_year) or not 2000 <= first_year <= 2100:
        problems.append("first_year: " + _("%(value)s is not a year") % {"value": repr(first_year)})
        first_year = None
    _text(problems, "source", data.get("source"), 300, required=False)
    fields = data.get("fields", [])
    if not isinstance(fields, list):
        problems.append("fields: " + _("must be a list"))
        fields = []
    for index, field in enumerate(fields, start=1):
        where = "fields, " + _("item %(n)s") % {"n": index}
        code = field.get("code") if isinstance(field, dict) else None
        if not (isinstance(code, str) and code.isdigit() and len(code) == 3):
            problems.append(f"{where}: " + _("a professional field has a three-digit code"))
        _text(problems, f"{where}, name", field.get("name") if isinstance(field, dict) else None, 300)
    professions = data.get("professions")
    if not isinstance(professions, list) or not professions:
        problems.append("professions: " + _("the file lists no professions"))
        return problems
    known = {
        p.code: p
        for p in Profession.objects.filter(
            code__in=[str(e.get("profession")) for e in professions if isinstance(e, dict)]
        )
    }
    seen = set()
    for index, entry in enumerate(professions, start=1):
        where = _("profession %(n)s") % {"n": index}
        if not isinstance(entry, dict):
            problems.append(f"{where}: " + _("is not an object"))
            continue
        code = entry.get("profession")
        if not isinstance(code, str) or not code.strip():
            problems.append(f"{where}: " + _("the profession code is empty"))
        else:
            where = f"{where} ({code})"
            profession = known.get(code)
            if profession is None:
                problems.append(f"{where}: " + _("no such profession in the list of professions"))
            elif code in seen:
                problems.append(f"{where}: " + _("the profession appears twice in the file"))
            elif (
                first_year
                and not replacing
                and OutcomeSet.objects.filter(profession=profession, first_year=first_year).exists()
            ):
                problems.append(
                    f"{where}: " + _("outcomes from %(year)s are already loaded (use --replace)") % {"year": first_year}
                )
            specialty = entry.get("specialty")
            if (
                profession is not None
                and specialty
                and not Specialty.objects.filter(code=specialty, profession__code=code).exists()
            ):
                problems.append(f"{where}: " + _("no specialty %(code)s in this profession") % {"code": specialty})
            seen.add(code)
        _validate_scale(problems, where, entry.get("scale"))
        _validate_units(problems, where, entry.get("units"))
    return problems


@transaction.atomic
def load(data, *, replace=False):
    """Validate, then save every profession's units; returns the outcome sets. Nothing saved on error."""
    problems = validate(data, replacing=replace)
    if problems:
        raise OutcomesFileError(problems)
    for field in data.get("fields", []):
        ProfessionalField.objects.update_or_create(code=field["code"], defaults={"name": field["name"].strip()})
    sets = []
    for entry in data["professions"]:
        profession = Profession.objects.get(code=entry["profession"])
        specialty = Specialty.objects.get(code=entry["specialty"]) if entry.get("specialty") else None
        outcome_set, created = OutcomeSet.objects.get_or_create(
            profession=profession,
            first_year=data["first_year"],
            defaults={"scale": entry["scale"], "specialty": specialty, "source": data.get("source", "")},
        )
        if not created:
            if outcome_set.sessions.exists():
                raise OutcomesFileError(
                    [_("%(profession)s: sessions already use these outcomes") % {"profession": profession.code}]
                )
            outcome_set.scale, outcome_set.specialty = entry["scale"], specialty
            outcome_set.save(update_fields=["scale", "specialty"])
            outcome_set.units.all().delete()
        OutcomeUnit.objects.bulk_create(
            OutcomeUnit(
                outcome_set=outcome_set,
                code=unit["code"].strip(),
                title=unit["title"].strip(),
                description=(unit.get("description") or "").strip(),
                order=order,
            )
            for order, unit in enumerate(entry["units"], start=1)
        )
        sets.append(outcome_set)
    return sets


def current_set(profession, year):
    """The outcomes of a profession in force in `year` (the latest loaded from that year or before)."""
    return (
        OutcomeSet.objects.filter(profession=profession, first_year__lte=year).order_by("-first_year").first()
        or OutcomeSet.objects.filter(profession=profession).order_by("first_year").first()
    )


def load_bundled_if_empty(**kwargs):
    """After migrate: an empty database gets the bundled outcomes (professions come first, from activity)."""
    if OutcomeSet.objects.exists() or not Profession.objects.exists():
        return
    for path in sorted(BUNDLED_DIR.glob("outcomes-*.json")):
        load(read_file(path))
