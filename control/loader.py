"""Read, validate and save risk models and checklist templates (JSON, the format of control/data/).

Like frameworks.loader: validate() lists every problem it finds; load() saves nothing unless
the whole file is valid. A file says what it holds with "type": "risk_model" or "checklist".
"""

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from centres.models import CentreKind
from control.models import Answer, Checklist, ChecklistItem, ChecklistSection, RiskModel
from control.signals import SIGNALS

BUNDLED_DIR = Path(__file__).resolve().parent / "data"
FORMAT_VERSION = 1
MAX_WEIGHT = Decimal(1000)


class ControlFileError(Exception):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class _Problems(list):
    def add(self, where, message):
        self.append(f"{where}: {message}" if where else message)


def read_file(path):
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise ControlFileError([_("%(path)s: no such file") % {"path": path}]) from None
    except OSError as exc:
        raise ControlFileError(
            [_("%(path)s: cannot be read (%(error)s)") % {"path": path, "error": exc.strerror or exc}]
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ControlFileError(
            [_("%(path)s: not a valid UTF-8 JSON file (%(error)s)") % {"path": path, "error": exc}]
        ) from None


def _text(problems, where, value, max_length, required=True):
    if not isinstance(value, str) or (required and not value.strip()):
        if required or value is not None:
            problems.add(where, _("is missing or not text"))
        return ""
    value = value.strip()
    if len(value) > max_length:
        problems.add(where, _("is longer than %(max)s characters") % {"max": max_length})
    return value


def _years(problems, data):
    first, last = data.get("first_year"), data.get("last_year")
    if not isinstance(first, int) or isinstance(first, bool) or not 2000 <= first <= 2100:
        problems.add("first_year", _("%(value)s is not a year") % {"value": repr(first)})
        first = None
    if last is not None and (not isinstance(last, int) or isinstance(last, bool) or (first and last < first)):
        problems.add("last_year", _("%(value)s must be empty or a year not before first_year") % {"value": repr(last)})
    return first


def _number(problems, where, value, *, upper=None):
    if isinstance(value, bool) or value is None:
        problems.add(where, _("%(value)s is not a number") % {"value": repr(value)})
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        problems.add(where, _("%(value)s is not a number") % {"value": repr(value)})
        return None
    if not number.is_finite() or number < 0:
        problems.add(where, _("%(value)s must be a non-negative number") % {"value": repr(value)})
        return None
    if upper is not None and number > upper:
        problems.add(where, _("%(value)s is above %(max)s") % {"value": repr(value), "max": upper})
        return None
    return number


def _header(problems, data, expected_type):
    if data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        problems.add(
            "format",
            _("%(value)s is not a supported format version (expected %(expected)s)")
            % {"value": repr(data.get("format")), "expected": FORMAT_VERSION},
        )
    if data.get("type") != expected_type:
        problems.add("type", _("must be %(expected)s") % {"expected": repr(expected_type)})


# ---------------------------------------------------------------- risk models
def validate_risk_model(data):
    problems = _Problems()
    if not isinstance(data, dict):
        return [_("the file must hold one JSON object")]
    _header(problems, data, "risk_model")
    _text(problems, "code", data.get("code"), 32)
    _text(problems, "name", data.get("name"), 300)
    _years(problems, data)
    signals = data.get("signals")
    if not isinstance(signals, list) or not signals:
        problems.add("signals", _("must be a non-empty list"))
        return problems
    seen = set()
    for i, signal in enumerate(signals, 1):
        where = f"signals[{i}]"
        if not isinstance(signal, dict):
            problems.add(where, _("must be an object"))
            continue
        code = signal.get("code")
        if code not in SIGNALS:
            problems.add(f"{where}.code", _("%(value)s is not a known signal") % {"value": repr(code)})
            continue
        where = _("signal %(code)s") % {"code": code}
        if code in seen:
            problems.add(where, _("appears twice"))
        seen.add(code)
        _number(problems, f"{where}.weight", signal.get("weight"), upper=MAX_WEIGHT)
        if "missing_share" in signal:
            _number(problems, f"{where}.missing_share", signal.get("missing_share"), upper=Decimal(1))
        thresholds = signal.get("thresholds", {})
        if not isinstance(thresholds, dict):
            problems.add(f"{where}.thresholds", _("must be an object"))
            continue
        required = SIGNALS[code].thresholds
        values = {}
        for key in required:
            if key not in thresholds:
                problems.add(f"{where}.thresholds", _("needs %(key)s") % {"key": key})
            else:
                value = _number(problems, f"{where}.thresholds.{key}", thresholds[key], upper=Decimal(100000))
                if value is not None and value == 0 and key.startswith("full_at"):
                    problems.add(f"{where}.thresholds.{key}", _("must be above 0"))
                values[key] = value
        order = SIGNALS[code].ascending
        for low_key, high_key in zip(order, order[1:], strict=False):
            low, high = values.get(low_key), values.get(high_key)
            if low is not None and high is not None and high <= low:
                problems.add(f"{where}.thresholds.{high_key}", _("must be above %(key)s") % {"key": low_key})
        for key in thresholds:
            if key not in required:
                problems.add(f"{where}.thresholds", _("%(key)s is not a threshold of this signal") % {"key": key})
    return problems


@transaction.atomic
def load_risk_model(data, *, replace=False):
    problems = validate_risk_model(data)
    if problems:
        raise ControlFileError(problems)
    code = data["code"].strip()
    existing = RiskModel.objects.filter(code=code).first()
    if existing and not replace:
        raise ControlFileError([_("code: risk model %(code)s already exists") % {"code": code}])
    signals = [
        {
            "code": s["code"],
            "weight": str(Decimal(str(s["weight"]))),
            "missing_share": str(Decimal(str(s.get("missing_share", "0.5")))),
            "thresholds": {k: str(Decimal(str(v))) for k, v in (s.get("thresholds") or {}).items()},
        }
        for s in data["signals"]
    ]
    model = existing or RiskModel(code=code)
    model.name = data["name"].strip()
    model.first_year = data["first_year"]
    model.last_year = data.get("last_year")
    model.signals = signals
    model.save()
    return model


# ---------------------------------------------------------------- checklists
def validate_checklist(data):
    problems = _Problems()
    if not isinstance(data, dict):
        return [_("the file must hold one JSON object")]
    _header(problems, data, "checklist")
    _text(problems, "code", data.get("code"), 32)
    _text(problems, "name", data.get("name"), 300)
    if data.get("kind") not in CentreKind.values:
        problems.add("kind", _("%(value)s is not one of CPO, CIPO") % {"value": repr(data.get("kind"))})
    _years(problems, data)
    sections = data.get("sections")
    if not isinstance(sections, list) or not sections:
        problems.add("sections", _("must be a non-empty list"))
        return problems
    section_codes, item_codes = set(), set()
    allowed_values = set(Answer.values)
    for i, section in enumerate(sections, 1):
        where = f"sections[{i}]"
        if not isinstance(section, dict):
            problems.add(where, _("must be an object"))
            continue
        scode = _text(problems, f"{where}.code", section.get("code"), 16)
        where = _("section %(code)s") % {"code": scode or i}
        if scode and scode in section_codes:
            problems.add(where, _("duplicate section code"))
        section_codes.add(scode)
        _text(problems, f"{where}.title", section.get("title"), 300)
        items = section.get("items")
        if not isinstance(items, list) or not items:
            problems.add(where, _("has no items"))
            continue
        for j, item in enumerate(items, 1):
            at = _("%(section)s, item %(number)s") % {"section": where, "number": j}
            if not isinstance(item, dict):
                problems.add(at, _("must be an object"))
                continue
            icode = _text(problems, f"{at}.code", item.get("code"), 16)
            if icode:
                at = _("item %(code)s") % {"code": icode}
                if icode in item_codes:
                    problems.add(at, _("duplicate item code"))
                item_codes.add(icode)
            _text(problems, f"{at}.text", item.get("text"), 500)
            basis = item.get("legal_basis")
            if not isinstance(basis, str) or not basis.strip():
                problems.add(at, _("has no legal basis"))
            elif len(basis.strip()) > 300:
                problems.add(f"{at}.legal_basis", _("is longer than %(max)s characters") % {"max": 300})
            answers = item.get("answers", list(Answer.values))
            if not isinstance(answers, list) or not answers:
                problems.add(f"{at}.answers", _("must be a non-empty list"))
                answers = []
            for value in answers:
                if value not in allowed_values:
                    problems.add(
                        f"{at}.answers",
                        _("%(value)s is not an allowed answer (ДА, НЕ, НП)") % {"value": repr(value)},
                    )
            comment_on = item.get("comment_required_on", [Answer.NO.value])
            if not isinstance(comment_on, list):
                problems.add(f"{at}.comment_required_on", _("must be a list"))
                comment_on = []
            for value in comment_on:
                if value not in allowed_values:
                    problems.add(
                        f"{at}.comment_required_on",
                        _("%(value)s is not an allowed answer (ДА, НЕ, НП)") % {"value": repr(value)},
                    )
                elif value not in answers:
                    problems.add(
                        f"{at}.comment_required_on",
                        _("%(value)s is not one of the item's answers") % {"value": repr(value)},
                    )
    return problems


@transaction.atomic
def load_checklist(data, *, replace=False):
    problems = validate_checklist(data)
    if problems:
        raise ControlFileError(problems)
    code = data["code"].strip()
    existing = Checklist.objects.filter(code=code).first()
    if existing:
        if not replace:
            raise ControlFileError([_("code: checklist %(code)s already exists") % {"code": code}])
        if existing.controls.exists():
            raise ControlFileError(
                [_("code: checklist %(code)s is used by controls; load a new code instead") % {"code": code}]
            )
        existing.delete()
    checklist = Checklist.objects.create(
        code=code,
        kind=data["kind"],
        name=data["name"].strip(),
        first_year=data["first_year"],
        last_year=data.get("last_year"),
    )
    order = 0
    for i, s in enumerate(data["sections"]):
        section = ChecklistSection.objects.create(
            checklist=checklist, code=s["code"].strip(), title=s["title"].strip(), order=i
        )
        items = []
        for item in s["items"]:
            items.append(
                ChecklistItem(
                    checklist=checklist,
                    section=section,
                    code=item["code"].strip(),
                    text=item["text"].strip(),
                    legal_basis=item["legal_basis"].strip(),
                    allowed_answers=item.get("answers", list(Answer.values)),
                    comment_required_on=item.get("comment_required_on", [Answer.NO.value]),
                    order=order + len(items),
                )
            )
        order += len(items)
        ChecklistItem.objects.bulk_create(items)
    return checklist


# ---------------------------------------------------------------- either
def load_any(data, *, replace=False):
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "risk_model":
        return load_risk_model(data, replace=replace)
    if kind == "checklist":
        return load_checklist(data, replace=replace)
    raise ControlFileError([_("type: must be 'risk_model' or 'checklist'")])


def load_bundled():
    """Load each bundled risk model and checklist that the database lacks (run after every migrate)."""
    loaded = []
    for path in sorted(BUNDLED_DIR.glob("*.json")):
        data = read_file(path)
        model = RiskModel if data.get("type") == "risk_model" else Checklist
        if not model.objects.filter(code=data.get("code")).exists():
            loaded.append(load_any(data))
    return loaded
