"""Read the register of licensed centres from CSV or XLSX and check every row.

Reading and checking are separate from saving (centres.services.import_centres) so that
the whole file is checked before anything is written, and every problem is reported.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from centres.models import Centre, CentreKind
from centres.regions import parse_region
from inputs.archives import is_zip, open_xlsx, sheet_rows
from inputs.dates import check_date
from inputs.errors import InputRefused
from inputs.text import clean_email, clean_licence, clean_text

REQUIRED_COLUMNS = (
    "licence_number",
    "kind",
    "name",
    "region",
    "municipality",
    "licensed_on",
    "licence_revoked_on",
)
OPTIONAL_COLUMNS = ("address", "email", "website", "iso_9001")
HEADER_ROW = 1
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000  # the register has about 1,200 centres
MAX_COLUMNS = 30

_KINDS = {"cpo": CentreKind.CPO, "цпо": CentreKind.CPO, "cipo": CentreKind.CIPO, "ципо": CentreKind.CIPO}
_TRUE = {"1", "yes", "true", "x", "да", "д"}
_FALSE = {"", "0", "no", "false", "не", "н"}


@dataclass(frozen=True)
class Problem:
    row: int | None  # the spreadsheet row number (header = 1); None for the file as a whole
    column: str
    value: str
    reason: str

    def __str__(self):
        where = _("row %(row)s") % {"row": self.row} if self.row else _("file")
        column = f", {self.column}" if self.column else ""
        value = f" „{self.value}“" if self.value else ""
        return f"{where}{column}{value}: {self.reason}"


class CentreImportError(Exception):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class ParsedFile:
    columns: set
    rows: list = field(default_factory=list)  # [(row number, {column: Centre field value})]


# ------------------------------------------------------------------ reading
def _file_problem(message, value=""):
    return CentreImportError([Problem(None, "", value, message)])


def _read_bytes(source):
    if hasattr(source, "read"):
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(MAX_BYTES + 1)
        data = data.encode("utf-8") if isinstance(data, str) else data
    else:
        try:
            with open(source, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise _file_problem(_("No such file."), str(source)) from None
        except IsADirectoryError:
            raise _file_problem(_("This is a directory, not a file."), str(source)) from None
        except OSError as exc:
            raise _file_problem(
                _("The file cannot be read: %(reason)s") % {"reason": exc.strerror}, str(source)
            ) from None
    if len(data) > MAX_BYTES:
        raise _file_problem(_("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // 2**20})
    return data


def _csv_rows(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CentreImportError([Problem(None, "", "", _("The file is not UTF-8 text, CSV or XLSX."))]) from None
    first_line = text.split("\n", 1)[0]
    # Spreadsheets saved in Bulgarian locales write ';' because ',' is the decimal mark.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if len(rows) > MAX_ROWS:
                raise _file_problem(_("The file has more than %(n)s rows.") % {"n": MAX_ROWS})
            rows.append(row[:MAX_COLUMNS])
    except csv.Error as exc:
        raise _file_problem(_("The CSV file cannot be read: %(reason)s") % {"reason": exc}) from None
    return rows


def _xlsx_rows(data):
    try:
        workbook = open_xlsx(data)
    except InputRefused as exc:
        raise _file_problem(exc.message) from None
    try:
        return [list(row) for row in sheet_rows(workbook.worksheets[0], max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)]
    except InputRefused as exc:
        raise _file_problem(exc.message) from None
    finally:
        workbook.close()


def read_rows(source, filename=None):
    """All rows of the file as lists of raw cell values (strings from CSV, typed values from XLSX)."""
    data = _read_bytes(source)
    name = filename or getattr(source, "name", None) or ("" if hasattr(source, "read") else str(source))
    if is_zip(data) or str(name).lower().endswith(".xlsx"):
        return _xlsx_rows(data)
    return _csv_rows(data)


# ------------------------------------------------------------------ checking
def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # a licence number typed into a number cell
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()[:10]
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    return " ".join(str(value).split())


def _bounded_date(value, column, row, problems):
    try:
        return check_date(value)
    except InputRefused as exc:
        problems.append(Problem(row, column, value.isoformat(), exc.message))
        return None


def _date(value, column, row, problems, required):
    if isinstance(value, dt.datetime):
        return _bounded_date(value.date(), column, row, problems)
    if isinstance(value, dt.date):
        return _bounded_date(value, column, row, problems)
    text = _cell_text(value)
    if not text:
        if required:
            problems.append(Problem(row, column, "", _("A date is required.")))
        return None
    try:
        if len(text) != 10:  # fromisoformat would also take 20240101 and week dates
            raise ValueError
        day = dt.date.fromisoformat(text)
    except ValueError:
        problems.append(Problem(row, column, text[:40], _("Not a date in the form YYYY-MM-DD.")))
        return None
    return _bounded_date(day, column, row, problems)


def _shown(value):
    """The value as a problem quotes it: short, control characters made visible."""
    text = str(value if value is not None else "")
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return text[:40] + "…" if len(text) > 40 else text


def _raw_text(value):
    """Text cells as they are (so control characters are seen and refused), other cells as text."""
    return value if isinstance(value, str) else _cell_text(value)


def _text(value, column, row, problems, *, required=False):
    raw = _raw_text(value)
    try:
        return clean_text(raw, max_length=Centre._meta.get_field(column).max_length, required=required)
    except InputRefused as exc:
        problems.append(Problem(row, column, _shown(raw), exc.message))
        return ""


def _licence(value, row, problems):
    raw = _raw_text(value)
    try:
        return clean_licence(raw)
    except InputRefused as exc:
        problems.append(Problem(row, "licence_number", _shown(raw), exc.message))
        return ""


def _check_row(raw, row, columns, problems):
    values = {}
    values["licence_number"] = _licence(raw.get("licence_number"), row, problems)
    kind_text = _cell_text(raw.get("kind"))
    values["kind"] = _KINDS.get(kind_text.lower())
    if values["kind"] is None:
        problems.append(
            Problem(row, "kind", _shown(kind_text), _("Unknown kind of centre: use CPO or CIPO (ЦПО or ЦИПО)."))
        )
    values["name"] = _text(raw.get("name"), "name", row, problems, required=True)
    region_text = _cell_text(raw.get("region"))
    values["region"] = parse_region(region_text)
    if values["region"] is None:
        reason = _("Unknown region.") if region_text else _("A value is required.")
        problems.append(Problem(row, "region", _shown(region_text), reason))
    values["municipality"] = _text(raw.get("municipality"), "municipality", row, problems)
    values["licensed_on"] = _date(raw.get("licensed_on"), "licensed_on", row, problems, required=True)
    revoked = _date(raw.get("licence_revoked_on"), "licence_revoked_on", row, problems, required=False)
    values["licence_revoked_on"] = revoked
    if revoked and values["licensed_on"] and revoked < values["licensed_on"]:
        problems.append(
            Problem(row, "licence_revoked_on", revoked.isoformat(), _("The licence is revoked before it was granted."))
        )
    if "address" in columns:
        values["address"] = _text(raw.get("address"), "address", row, problems)
    if "email" in columns:
        try:
            values["email"] = clean_email(_raw_text(raw.get("email")))
        except InputRefused as exc:
            problems.append(Problem(row, "email", _shown(raw.get("email")), exc.message))
    if "website" in columns:
        values["website"] = _validated(raw.get("website"), "website", URLValidator())
        if values["website"] is None:
            problems.append(Problem(row, "website", _shown(raw.get("website")), _("Not a valid web address.")))
    if "iso_9001" in columns:
        flag = raw.get("iso_9001")
        text = _cell_text(flag).lower()
        if isinstance(flag, bool):
            values["iso_9001"] = flag
        elif text in _TRUE or text in _FALSE:
            values["iso_9001"] = text in _TRUE
        else:
            problems.append(Problem(row, "iso_9001", _shown(_cell_text(flag)), _("Use yes or no (да or не).")))
    return values


def _validated(value, column, validator):
    """The cleaned text, '' when empty, None when invalid."""
    text = _cell_text(value)
    if not text:
        return ""
    if len(text) > Centre._meta.get_field(column).max_length or not text.isprintable():
        return None
    try:
        validator(text)
    except ValidationError:
        return None
    return text


def parse(source, filename=None):
    """Read and check the whole file; raise CentreImportError listing every problem."""
    rows = read_rows(source, filename)
    rows = [(number, row) for number, row in enumerate(rows, HEADER_ROW) if any(_cell_text(v) for v in row)]
    if not rows:
        raise CentreImportError([Problem(None, "", "", _("The file is empty."))])
    header_number, header = rows[0]
    names = [_cell_text(v).lower() for v in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise CentreImportError(
            [Problem(header_number, column, "", _("The column is missing from the header row.")) for column in missing]
        )
    known = set(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
    index = {}
    for position, name in enumerate(names):
        if name in known and name not in index:  # the first of two same-named columns counts
            index[name] = position
    data_rows = rows[1:]
    if not data_rows:
        raise CentreImportError([Problem(None, "", "", _("The file has a header row but no centres."))])

    parsed = ParsedFile(columns=set(index))
    problems, first_row_of = [], {}
    for number, row in data_rows:
        raw = {name: row[position] if position < len(row) else None for name, position in index.items()}
        values = _check_row(raw, number, parsed.columns, problems)
        licence = values["licence_number"]
        if licence:
            if licence in first_row_of:
                problems.append(
                    Problem(
                        number,
                        "licence_number",
                        licence,
                        _("The same licence number is already on row %(row)s.") % {"row": first_row_of[licence]},
                    )
                )
            else:
                first_row_of[licence] = number
        parsed.rows.append((number, values))
    if problems:
        raise CentreImportError(problems)
    return parsed
