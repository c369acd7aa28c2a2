"""ZIP archives (XLSX, DOCX, ODT, uploaded ZIPs) are checked before anything unpacks them.

A 290 KB file can expand to gigabytes (a zip bomb) or hold another archive that does; the
central directory tells each member's sizes before a byte is inflated, so the check is cheap.
XLSX workbooks are then opened by openpyxl in read-only (streaming) mode, its XML parsed with
defusedxml (openpyxl uses it whenever it is installed), and rows and columns are counted while
streaming, so a sheet of two million rows stops at the limit instead of filling the memory.
"""

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

from inputs.errors import InputRefused

NESTED_ARCHIVE_SUFFIXES = (".zip", ".xlsx", ".xlsm", ".docx", ".pptx", ".odt", ".ods", ".jar", ".7z", ".rar", ".gz")
NESTED_ARCHIVE_MAGIC = (b"PK\x03\x04", b"7z\xbc\xaf", b"Rar!", b"\x1f\x8b")


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int = 500
    max_total_bytes: int = 50 * 1024 * 1024  # all members together, unpacked
    max_member_bytes: int = 40 * 1024 * 1024
    max_ratio: int = 100  # unpacked ÷ packed, for the archive and for each large member


XLSX_LIMITS = ArchiveLimits()
DOCUMENT_LIMITS = ArchiveLimits(max_members=2000, max_total_bytes=100 * 1024 * 1024, max_member_bytes=80 * 1024**2)
# A member smaller than this is not judged by its ratio: XML of a few KB compresses 100:1 honestly.
RATIO_FLOOR = 1024 * 1024


def is_zip(data):
    return data[:4] == b"PK\x03\x04"


def check_archive(data, *, limits=XLSX_LIMITS, required=(), allow_nested=False, invalid_message=None):
    """The archive's member names, after checking it is a ZIP within the limits (InputRefused otherwise).

    `required`: member names that must be present (e.g. xl/workbook.xml for a workbook).
    Nested archives are refused unless `allow_nested`; a member's name and its first bytes are looked at.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputRefused(invalid_message or _("The file is not a valid ZIP-based file (XLSX, DOCX).")) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise InputRefused(_("The archive has more than %(n)s files in it.") % {"n": limits.max_members})
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise InputRefused(_("The file is encrypted."))
            name = info.filename
            if name.startswith("/") or ".." in name.split("/"):
                raise InputRefused(_("The archive holds a file with an unsafe path."))
            total += info.file_size
            if info.file_size > limits.max_member_bytes or total > limits.max_total_bytes:
                raise InputRefused(_("The file is too large when unpacked."))
            if info.file_size > RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise InputRefused(_("The file is too large when unpacked."))
            if not allow_nested and not info.is_dir() and name.lower().endswith(NESTED_ARCHIVE_SUFFIXES):
                raise InputRefused(_("The file holds another archive; nested archives are not accepted."))
        if total > RATIO_FLOOR and total > limits.max_ratio * max(len(data), 1):
            raise InputRefused(_("The file is too large when unpacked."))
        names = {info.filename for info in infos}
        missing = [name for name in required if name not in names]
        if missing:
            if invalid_message:
                raise InputRefused(invalid_message)
            raise InputRefused(_("The file lacks the parts of its format (%(parts)s).") % {"parts": ", ".join(missing)})
        if not allow_nested:
            for info in infos:
                if info.is_dir() or info.file_size < 4:
                    continue
                try:
                    with archive.open(info) as member:
                        head = member.read(4)
                except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                    raise InputRefused(_("The archive is damaged.")) from None
                if head in NESTED_ARCHIVE_MAGIC:
                    raise InputRefused(_("The file holds another archive; nested archives are not accepted."))
        return names


def open_xlsx(data, *, limits=XLSX_LIMITS, data_only=True):
    """An openpyxl read-only workbook from checked bytes (InputRefused for anything unreadable).

    The caller closes it (workbook.close()); rows come from `sheet_rows`.
    """
    import openpyxl
    from openpyxl import load_workbook

    if not openpyxl.DEFUSEDXML:  # installed with the project; refuse rather than parse XML unsafely
        raise InputRefused(_("Workbooks cannot be read safely on this server (defusedxml is missing)."))
    not_xlsx = _("The file is not a readable XLSX workbook.")
    if not is_zip(data):
        raise InputRefused(not_xlsx)
    check_archive(data, limits=limits, required=("xl/workbook.xml",), invalid_message=not_xlsx)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    except Exception:  # openpyxl raises many kinds (KeyError, ValueError, XML errors) for a damaged file
        raise InputRefused(not_xlsx) from None
    if not workbook.worksheets:
        workbook.close()
        raise InputRefused(_("The workbook has no sheets."))
    return workbook


def sheet_rows(sheet, *, max_rows, max_columns, values_only=True, min_row=1):
    """Yield the sheet's rows (tuples of at most `max_columns` cells) while streaming; InputRefused
    after `max_rows` rows or when the sheet's XML is damaged part-way."""
    rows = sheet.iter_rows(min_row=min_row, max_col=max_columns, values_only=values_only)
    count = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception:  # a truncated or malformed sheet fails only while it is read
            raise InputRefused(
                _("The sheet “%(sheet)s” cannot be read. Save the file again as XLSX.") % {"sheet": sheet.title}
            ) from None
        if values_only:
            # Read-only sheets pad every row to max_col with None; the padding is not data.
            end = len(row)
            while end and row[end - 1] is None:
                end -= 1
            row = row[:end]
        count += 1
        if count > max_rows:
            raise InputRefused(
                _("The sheet “%(sheet)s” has more than %(n)s rows.") % {"sheet": sheet.title, "n": max_rows}
            )
        yield row
