"""One safe-cell rule for every CSV and XLSX the system writes.

A spreadsheet program evaluates a cell that starts with = + - @ (and, in some
programs, a tab or carriage return) as a formula: a respondent's or a centre's
text must never arrive as a live formula (CSV/XLSX injection). Numbers stay
numbers; only text is neutralised, by a leading apostrophe, which spreadsheet
programs show as plain text.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """The value as it may be written to a CSV or XLSX cell: text starting with a formula trigger is quoted."""
    if isinstance(value, str) and value[:1] in FORMULA_TRIGGERS:
        return "'" + value
    return value


def xlsx_text_cell(ws, value):
    """A write-only openpyxl cell holding `value` as text, never as a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=None)
    cell.value = safe_cell(value)
    cell.data_type = "s"
    return cell
