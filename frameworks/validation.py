"""Validation of a framework document (the JSON of frameworks/data/): every problem found, by place.

The agency changes frameworks by order and loads them as files; a file with problems is refused as a
whole, with each problem named (section, criterion, band) so it can be corrected in one pass.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.utils.translation import gettext as _

from centres.models import CentreKind
from frameworks.models import POINTS, Area, Criterion, Framework, GradeBand, Scoring, Section, SectionKind
from inputs.text import has_control_characters

FORMAT_VERSION = 1
MAX_POINTS = Decimal(10) ** (POINTS["max_digits"] - POINTS["decimal_places"])  # what the columns hold


@dataclass
class _Ctx:
    problems: list

    def add(self, where, message):
        self.problems.append(f"{where}: {message}" if where else message)


def _one_of(value, choices):
    return _("%(value)s is not one of %(choices)s") % {"value": repr(value), "choices": ", ".join(choices)}


def _level(where, number):
    return _("%(criterion)s, level %(number)s") % {"criterion": where, "number": number}


def _decimal(ctx, where, value):
    if isinstance(value, bool) or value is None:
        ctx.add(where, _("%(value)s is not a number") % {"value": repr(value)})
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        ctx.add(where, _("%(value)s is not a number") % {"value": repr(value)})
        return None
    if not number.is_finite() or number < 0:
        ctx.add(where, _("%(value)s must be a non-negative number") % {"value": repr(value)})
        return None
    if number >= MAX_POINTS:
        ctx.add(
            where,
            _("%(value)s is too large (at most %(max)s)") % {"value": repr(value), "max": MAX_POINTS - Decimal("0.5")},
        )
        return None
    if number * 2 != (number * 2).to_integral_value():
        ctx.add(where, _("%(value)s is not a multiple of 0.5") % {"value": repr(value)})
        return None
    return number


def _text(ctx, where, value, required=True, max_length=None):
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        ctx.add(where, _("is missing or not text"))
        return ""
    value = value.strip()
    if has_control_characters(value, multiline=True):
        ctx.add(where, _("contains control characters (such as NUL)"))
        return ""
    # The database column would refuse it (PostgreSQL) or keep it whole (SQLite): say so here.
    if max_length is not None and len(value) > max_length:
        ctx.add(where, _("is longer than %(max)s characters") % {"max": max_length})
    return value


def _field_length(model, field):
    return model._meta.get_field(field).max_length


def validate(data, *, replacing=None):
    """Return the list of problems with a framework document (empty when valid).

    `replacing` is the code of a framework being reloaded, which may overlap itself.
    """
    ctx = _Ctx([])
    if not isinstance(data, dict):
        return [_("the file must hold one JSON object")]
    if data.get("format", FORMAT_VERSION) != FORMAT_VERSION:
        ctx.add(
            "format",
            _("%(value)s is not a supported format version (expected %(expected)s)")
            % {"value": repr(data.get("format")), "expected": FORMAT_VERSION},
        )
    code = _text(ctx, "code", data.get("code"), max_length=_field_length(Framework, "code"))
    kind = data.get("kind")
    if kind not in CentreKind.values:
        ctx.add("kind", _one_of(kind, CentreKind.values))
    _text(ctx, "name", data.get("name"), max_length=_field_length(Framework, "name"))
    _text(
        ctx, "legal_basis", data.get("legal_basis"), required=False, max_length=_field_length(Framework, "legal_basis")
    )
    scoring = data.get("scoring")
    if scoring not in Scoring.values:
        ctx.add("scoring", _one_of(scoring, Scoring.values))
    first, last = data.get("first_year"), data.get("last_year")
    if not isinstance(first, int) or isinstance(first, bool) or not 2000 <= first <= 2100:
        ctx.add("first_year", _("%(value)s is not a year") % {"value": repr(first)})
        first = None
    if last is not None and (not isinstance(last, int) or isinstance(last, bool) or (first and last < first)):
        ctx.add("last_year", _("%(value)s must be empty or a year not before first_year") % {"value": repr(last)})
        last = None
    total = _decimal(ctx, "total_points", data.get("total_points"))

    _validate_sections(ctx, data.get("sections"))
    area_sum = _validate_areas(ctx, data.get("areas"), scoring)
    if total is not None and area_sum is not None and area_sum != total:
        ctx.add(
            "areas",
            _("area maxima sum to %(sum)s, not the total %(total)s")
            % {"sum": points_text(area_sum), "total": points_text(total)},
        )
    if scoring == Scoring.POINTS and total is not None:
        _validate_bands(ctx, data.get("grade_bands"), total)
    elif data.get("grade_bands"):
        ctx.add("grade_bands", _("a yes/no framework has no grades"))

    if code and kind in CentreKind.values and first:
        overlapping = Framework.objects.filter(kind=kind).exclude(code=replacing or code)
        overlapping = overlapping.filter(Q(last_year__isnull=True) | Q(last_year__gte=first))
        if last is not None:
            overlapping = overlapping.filter(first_year__lte=last)
        for other in overlapping:
            ctx.add(
                "first_year",
                _("years %(first)s–%(last)s overlap framework %(code)s (%(years)s)")
                % {"first": first, "last": last or "…", "code": other.code, "years": other.years_label()},
            )
    return ctx.problems


def _validate_sections(ctx, sections):
    if not isinstance(sections, list) or not sections:
        ctx.add("sections", _("must be a non-empty list"))
        return
    seen = set()
    for i, section in enumerate(sections, 1):
        where = f"sections[{i}]"
        if not isinstance(section, dict):
            ctx.add(where, _("must be an object"))
            continue
        scode = _text(ctx, f"{where}.code", section.get("code"), max_length=_field_length(Section, "code"))
        if scode in seen:
            ctx.add(f"{where}.code", _("duplicate section code %(code)s") % {"code": repr(scode)})
        seen.add(scode)
        _text(ctx, f"{where}.title", section.get("title"), max_length=_field_length(Section, "title"))
        if not isinstance(section.get("required", True), bool):
            ctx.add(
                f"{where}.required", _("%(value)s must be true or false") % {"value": repr(section.get("required"))}
            )
        if section.get("kind", "text") not in SectionKind.values:
            ctx.add(f"{where}.kind", _one_of(section.get("kind"), SectionKind.values))
        max_length = section.get("max_length")
        if max_length is not None and (
            not isinstance(max_length, int) or isinstance(max_length, bool) or max_length < 1
        ):
            ctx.add(f"{where}.max_length", _("%(value)s must be a positive whole number") % {"value": repr(max_length)})


def _validate_areas(ctx, areas, scoring):
    if not isinstance(areas, list) or not areas:
        ctx.add("areas", _("must be a non-empty list"))
        return None
    area_codes, criterion_codes = set(), set()
    area_sum = Decimal(0)
    for i, area in enumerate(areas, 1):
        where = f"areas[{i}]"
        if not isinstance(area, dict):
            ctx.add(where, _("must be an object"))
            return None
        acode = _text(ctx, f"{where}.code", area.get("code"), max_length=_field_length(Area, "code"))
        where = _("area %(code)s") % {"code": acode or i}
        if acode in area_codes:
            ctx.add(where, _("duplicate area code"))
        area_codes.add(acode)
        _text(ctx, f"{where}.name", area.get("name"), max_length=_field_length(Area, "name"))
        amax = _decimal(ctx, f"{where}.max_points", area.get("max_points"))
        criteria = area.get("criteria")
        if not isinstance(criteria, list) or not criteria:
            ctx.add(where, _("has no criteria"))
            continue
        criteria_sum = Decimal(0)
        for j, criterion in enumerate(criteria, 1):
            criteria_sum += _validate_criterion(
                ctx,
                _("%(area)s, criterion %(number)s") % {"area": where, "number": j},
                criterion,
                criterion_codes,
                scoring,
            )
        if amax is not None:
            area_sum += amax
            if criteria_sum != amax:
                ctx.add(
                    where,
                    _("criteria maxima sum to %(sum)s, not the area maximum %(max)s")
                    % {"sum": points_text(criteria_sum), "max": points_text(amax)},
                )
    return area_sum


def _validate_criterion(ctx, where, criterion, seen_codes, scoring):
    if not isinstance(criterion, dict):
        ctx.add(where, _("must be an object"))
        return Decimal(0)
    ccode = _text(ctx, f"{where}.code", criterion.get("code"), max_length=_field_length(Criterion, "code"))
    where = _("criterion %(code)s") % {"code": ccode} if ccode else where
    if ccode in seen_codes:
        ctx.add(where, _("duplicate criterion code"))
    seen_codes.add(ccode)
    _text(ctx, f"{where}.name", criterion.get("name"), max_length=_field_length(Criterion, "name"))
    cmax = _decimal(ctx, f"{where}.max_points", criterion.get("max_points"))
    levels = criterion.get("levels")
    if not isinstance(levels, list) or len(levels) < 2:
        ctx.add(where, _("needs at least two levels"))
        return cmax or Decimal(0)
    points = []
    for k, level in enumerate(levels, 1):
        if not isinstance(level, dict):
            ctx.add(_level(where, k), _("must be an object"))
            continue
        p = _decimal(ctx, f"{_level(where, k)}.points", level.get("points"))
        _text(ctx, f"{_level(where, k)}.descriptor", level.get("descriptor"))
        if p is not None:
            if p in points:
                ctx.add(where, _("two levels with %(points)s points") % {"points": points_text(p)})
            points.append(p)
    if points and cmax is not None and max(points) != cmax:
        ctx.add(
            where,
            _("maximum %(max)s differs from its highest level %(highest)s")
            % {"max": points_text(cmax), "highest": points_text(max(points))},
        )
    if scoring == Scoring.YES_NO and points and sorted(points) != [0, 1]:
        ctx.add(where, _("a yes/no indicator has exactly the levels 0 (no) and 1 (yes)"))
    derived = criterion.get("derived")
    if derived is not None:
        _validate_derived(ctx, where, derived, points)
    return cmax or Decimal(0)


def _validate_derived(ctx, where, derived, level_points):
    if not isinstance(derived, dict) or not isinstance(derived.get("rule"), str) or not derived["rule"].strip():
        ctx.add(f"{where}.derived", _("needs a rule name"))
        return
    if len(derived["rule"].strip()) > _field_length(Criterion, "derived_rule"):
        ctx.add(f"{where}.derived.rule", _("is too long"))
    thresholds = derived.get("thresholds")
    if not isinstance(thresholds, list) or not thresholds:
        ctx.add(f"{where}.derived.thresholds", _("must be a non-empty list"))
        return
    previous = None
    for k, step in enumerate(thresholds, 1):
        at = f"{where}.derived.thresholds[{k}]"
        if not isinstance(step, dict):
            ctx.add(at, _("must be an object"))
            continue
        p = _decimal(ctx, f"{at}.points", step.get("points"))
        if p is not None and p not in level_points:
            ctx.add(at, _("%(points)s points is not one of the criterion's levels") % {"points": points_text(p)})
        bounds = [key for key in ("from", "above") if key in step]
        if k == 1 and bounds:
            ctx.add(at, _("the first threshold is the base level and takes no bound"))
        if k > 1:
            if len(bounds) != 1:
                ctx.add(at, _("needs exactly one of 'from' (inclusive) or 'above' (exclusive)"))
                continue
            try:
                bound = Decimal(str(step[bounds[0]]))
            except InvalidOperation:
                ctx.add(at, _("%(value)s is not a number") % {"value": repr(step[bounds[0]])})
                continue
            if previous is not None and bound < previous:
                ctx.add(at, _("thresholds must rise"))
            previous = bound


def _validate_bands(ctx, bands, total):
    if not isinstance(bands, list) or not bands:
        ctx.add("grade_bands", _("a scored framework needs grade bands"))
        return
    parsed, codes = [], set()
    for i, band in enumerate(bands, 1):
        where = f"grade_bands[{i}]"
        if not isinstance(band, dict):
            ctx.add(where, _("must be an object"))
            return
        bcode = _text(ctx, f"{where}.code", band.get("code"), max_length=_field_length(GradeBand, "code"))
        if bcode in codes:
            ctx.add(where, _("duplicate grade code %(code)s") % {"code": repr(bcode)})
        codes.add(bcode)
        _text(ctx, f"{where}.name", band.get("name"), max_length=_field_length(GradeBand, "name"))
        low, high = _decimal(ctx, f"{where}.min", band.get("min")), _decimal(ctx, f"{where}.max", band.get("max"))
        if low is None or high is None:
            return
        if low > high:
            ctx.add(where, _("min %(min)s is above max %(max)s") % {"min": points_text(low), "max": points_text(high)})
        parsed.append((low, high, bcode))
    parsed.sort()
    if parsed[0][0] != 0:
        ctx.add("grade_bands", _("nothing covers 0 to %(value)s") % {"value": points_text(parsed[0][0])})
    for (_low1, high1, c1), (low2, _high2, c2) in zip(parsed, parsed[1:], strict=False):
        if low2 <= high1:
            ctx.add("grade_bands", _("%(first)s and %(second)s overlap") % {"first": c1, "second": c2})
        elif low2 > high1 + 1:
            # Bands are written in whole points (90 then 91); totals between them
            # (90.5) belong to the lower band, so only a gap wider than 1 is a hole.
            ctx.add(
                "grade_bands",
                _("gap between %(high)s (%(first)s) and %(low)s (%(second)s)")
                % {"high": points_text(high1), "first": c1, "low": points_text(low2), "second": c2},
            )
    if parsed[-1][1] != total:
        ctx.add(
            "grade_bands",
            _("the top band ends at %(end)s, not at the total %(total)s")
            % {"end": points_text(parsed[-1][1]), "total": points_text(total)},
        )


def points_text(number):
    """Points as the file writes them: 12.5, 20 (no trailing zeros)."""
    return format(number.normalize(), "f") if isinstance(number, Decimal) else str(number)
