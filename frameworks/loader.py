"""Read, save and export framework files (JSON, the format of frameworks/data/).

validation.validate() lists every problem it finds; load() saves nothing unless the file is valid.
"""

from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from frameworks.models import Area, Criterion, Framework, GradeBand, Level, Section, SectionKind
from frameworks.validation import FORMAT_VERSION, points_text, validate
from inputs.errors import InputRefused
from inputs.jsondata import load_json

BUNDLED_DIR = Path(__file__).resolve().parent / "data"
MAX_FILE_BYTES = 5 * 1024 * 1024


class FrameworkFileError(Exception):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def read_file(path):
    """The framework file's data (bounded size and nesting, no NaN: inputs.jsondata), or FrameworkFileError."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise FrameworkFileError([_("%(path)s: no such file") % {"path": path}]) from None
    except OSError as exc:
        raise FrameworkFileError(
            [_("%(path)s: cannot be read (%(error)s)") % {"path": path, "error": exc.strerror or exc}]
        ) from None
    return parse_json(data, name=str(path))


def parse_json(data, *, name=""):
    """The data of a framework file's bytes (uploads use this too), or FrameworkFileError."""
    try:
        return load_json(data, max_bytes=MAX_FILE_BYTES)
    except InputRefused as exc:
        raise FrameworkFileError(
            [_("%(path)s: not a valid UTF-8 JSON file (%(error)s)") % {"path": name, "error": exc.message}]
        ) from None


@transaction.atomic
def load(data, *, replace=False):
    """Validate and save one framework document; raise FrameworkFileError listing every problem."""
    existing = Framework.objects.filter(code=data.get("code")).first() if isinstance(data, dict) else None
    if existing and not replace:
        raise FrameworkFileError(
            [_("code: framework %(code)s already exists (reload it with --replace)") % {"code": existing.code}]
        )
    problems = validate(data, replacing=existing.code if existing else None)
    if problems:
        raise FrameworkFileError(problems)
    if existing:
        from reports.models import Report

        if Report.objects.filter(framework=existing).exists():
            raise FrameworkFileError(
                [_("code: framework %(code)s has reports; load a new code instead") % {"code": existing.code}]
            )
        existing.delete()
    framework = Framework.objects.create(
        code=data["code"].strip(),
        kind=data["kind"],
        name=data["name"].strip(),
        legal_basis=(data.get("legal_basis") or "").strip(),
        scoring=data["scoring"],
        first_year=data["first_year"],
        last_year=data.get("last_year"),
        total_points=Decimal(str(data["total_points"])),
    )
    GradeBand.objects.bulk_create(
        GradeBand(
            framework=framework,
            code=b["code"].strip(),
            name=b["name"].strip(),
            min_points=Decimal(str(b["min"])),
            max_points=Decimal(str(b["max"])),
        )
        for b in data.get("grade_bands") or []
    )
    Section.objects.bulk_create(
        Section(
            framework=framework,
            code=s["code"].strip(),
            title=s["title"].strip(),
            kind=s.get("kind", SectionKind.TEXT),
            required=s.get("required", True),
            max_length=s.get("max_length"),
            order=i,
        )
        for i, s in enumerate(data["sections"])
    )
    order = 0
    for i, a in enumerate(data["areas"]):
        area = Area.objects.create(
            framework=framework,
            code=a["code"].strip(),
            name=a["name"].strip(),
            max_points=Decimal(str(a["max_points"])),
            order=i,
        )
        for c in a["criteria"]:
            derived = c.get("derived") or {}
            criterion = Criterion.objects.create(
                framework=framework,
                area=area,
                code=c["code"].strip(),
                name=c["name"].strip(),
                max_points=Decimal(str(c["max_points"])),
                order=order,
                derived_rule=derived.get("rule", "").strip(),
                derived_thresholds=derived.get("thresholds", []),
            )
            order += 1
            Level.objects.bulk_create(
                Level(
                    criterion=criterion, points=Decimal(str(lv["points"])), descriptor=lv["descriptor"].strip(), order=k
                )
                for k, lv in enumerate(sorted(c["levels"], key=lambda lv: Decimal(str(lv["points"]))))
            )
    return framework


def export(framework):
    """The framework as a document that load() accepts and that round-trips unchanged."""
    data = {
        "format": FORMAT_VERSION,
        "code": framework.code,
        "kind": framework.kind,
        "name": framework.name,
        "legal_basis": framework.legal_basis,
        "scoring": framework.scoring,
        "first_year": framework.first_year,
        "last_year": framework.last_year,
        "total_points": points_text(framework.total_points),
        "grade_bands": [
            {"code": b.code, "name": b.name, "min": points_text(b.min_points), "max": points_text(b.max_points)}
            for b in framework.grade_bands.order_by("-min_points")
        ],
        "sections": [],
        "areas": [],
    }
    for s in framework.sections.all():
        section = {"code": s.code, "title": s.title, "kind": s.kind, "required": s.required}
        if s.max_length:
            section["max_length"] = s.max_length
        data["sections"].append(section)
    criteria = framework.criteria.prefetch_related("levels")
    by_area = {}
    for c in criteria:
        by_area.setdefault(c.area_id, []).append(c)
    for area in framework.areas.all():
        entry = {"code": area.code, "name": area.name, "max_points": points_text(area.max_points), "criteria": []}
        for c in by_area.get(area.id, []):
            criterion = {
                "code": c.code,
                "name": c.name,
                "max_points": points_text(c.max_points),
                "levels": [{"points": points_text(lv.points), "descriptor": lv.descriptor} for lv in c.levels.all()],
            }
            if c.derived_rule:
                criterion["derived"] = {"rule": c.derived_rule, "thresholds": c.derived_thresholds}
            entry["criteria"].append(criterion)
        data["areas"].append(entry)
    return data


def load_bundled():
    """Load each bundled framework that the database lacks (run after every migrate)."""
    loaded = []
    for path in sorted(BUNDLED_DIR.glob("*.json")):
        data = read_file(path)
        if not Framework.objects.filter(code=data["code"]).exists():
            loaded.append(load(data))
    return loaded
