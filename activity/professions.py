"""The list of professions (СППОО) from a CSV file: code,name[,specialty_code,specialty_name[,priority]]."""

import csv
import io
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from activity.models import Profession, Specialty

STARTER_LIST = Path(__file__).parent / "data" / "professions.csv"


class ProfessionFileError(ValueError):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


def _rows(text):
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    for line, row in enumerate(reader, start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or (line == 1 and cells[0].lower() == "code"):
            continue
        yield line, cells + [""] * (5 - len(cells))


def parse(text):
    """{code: (name, priority, {specialty code: name})}, or ProfessionFileError naming every bad line."""
    professions, errors = {}, []
    for line, (code, name, spec_code, spec_name, priority) in _rows(text):
        if not (code.isdigit() and len(code) == 6) or not name:
            errors.append(_("Line %(line)s: a profession needs a six-digit code and a name.") % {"line": line})
            continue
        if spec_code and not (spec_code.isdigit() and len(spec_code) == 7 and spec_code.startswith(code)):
            errors.append(
                _("Line %(line)s: a specialty code has seven digits and starts with its profession's code.")
                % {"line": line}
            )
            continue
        entry = professions.setdefault(code, (name, priority in ("1", "да", "yes", "true"), {}))
        if spec_code:
            entry[2][spec_code] = spec_name or name
    if errors:
        raise ProfessionFileError(errors)
    return professions


@transaction.atomic
def load(text):
    """Add or update the professions and specialties in the text; returns (professions, specialties) counts."""
    parsed = parse(text)
    existing = {p.code: p for p in Profession.objects.all()}
    for code, (name, priority, _specialties) in parsed.items():
        profession = existing.get(code)
        if profession is None:
            existing[code] = Profession.objects.create(code=code, name=name, priority=priority)
        elif (profession.name, profession.priority) != (name, priority):
            profession.name, profession.priority = name, priority
            profession.save(update_fields=["name", "priority"])
    specialties = 0
    for code, (_name, _priority, items) in parsed.items():
        for spec_code, spec_name in items.items():
            Specialty.objects.update_or_create(
                code=spec_code, defaults={"name": spec_name, "profession": existing[code]}
            )
            specialties += 1
    return len(parsed), specialties


def load_starter_list_if_empty(**kwargs):
    if not Profession.objects.exists():
        load(STARTER_LIST.read_text(encoding="utf-8"))
