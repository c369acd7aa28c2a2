"""The input helpers refuse hostile values and accept what people type."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django import forms
from freezegun import freeze_time

from inputs import archives
from inputs.dates import check_submission_time, parse_submission_time
from inputs.errors import InputRefused
from inputs.forms import BoundedInputsMixin
from inputs.numbers import COUNT_MAX, to_decimal, to_int
from inputs.text import clean_email, clean_licence, clean_text

SOFIA = dt.timezone(dt.timedelta(hours=2))


@pytest.mark.parametrize(
    "value",
    [
        "NaN",
        "sNaN",
        "Infinity",
        "-inf",
        "1E400",
        "1e300",
        float("nan"),
        float("inf"),
        2**63,
        "9" * 10_000,
        True,
        "1,2.3",
    ],
)
def test_hostile_numbers_are_refused(value):
    with pytest.raises(InputRefused):
        to_int(value)
    with pytest.raises(InputRefused):
        to_decimal(value, max_digits=10)


@pytest.mark.parametrize(("text", "expected"), [("12,50", Decimal("12.50")), ("1 234,5", Decimal("1234.50")), (7, 7)])
def test_people_s_decimals_are_read(text, expected):
    assert to_decimal(text, max_digits=10) == expected


def test_counts_are_bounded():
    assert to_int(COUNT_MAX) == COUNT_MAX
    for value in (COUNT_MAX + 1, -1, "2.5"):
        with pytest.raises(InputRefused):
            to_int(value)


@pytest.mark.parametrize("text", ["a\x00b", "tab\there", "bell\x07", "rtl\u202eevil", "line\u2028sep"])
def test_control_characters_are_refused_in_single_line_text(text):
    with pytest.raises(InputRefused):
        clean_text(text)


def test_line_breaks_are_allowed_in_multi_line_text_but_not_nul():
    assert clean_text("a\nb", multiline=True) == "a\nb"
    with pytest.raises(InputRefused):
        clean_text("a\n\x00", multiline=True)


@pytest.mark.parametrize("text", ["abc", "12", "2008 12001", "200812001\x00", "1" * 13])
def test_licence_numbers_are_digits(text):
    with pytest.raises(InputRefused):
        clean_licence(text)


def test_a_licence_and_an_email_pass():
    assert clean_licence(" 200812001 ") == "200812001"
    assert clean_email("a@example.bg") == "a@example.bg"
    with pytest.raises(InputRefused):
        clean_email("not an address")


@freeze_time("2026-03-01 12:00:00")
@pytest.mark.parametrize(
    "text",
    ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "1999-12-31T10:00", "2027-06-01T10:00", "x" * 100],
)
def test_submission_times_outside_2000_to_a_year_ahead_are_refused(text):
    with pytest.raises(InputRefused):
        parse_submission_time(text, SOFIA)


@freeze_time("2026-03-01 12:00:00")
def test_a_submission_time_in_range_passes():
    assert parse_submission_time("2026-01-31T14:30", SOFIA).year == 2026
    with pytest.raises(InputRefused):
        check_submission_time(dt.datetime(2026, 1, 1))  # naive


def _zip(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_archives_with_too_many_members_or_nested_archives_are_refused():
    many = _zip({f"f{i}.xml": "x" for i in range(archives.XLSX_LIMITS.max_members + 1)})
    with pytest.raises(InputRefused):
        archives.check_archive(many)
    with pytest.raises(InputRefused):
        archives.check_archive(_zip({"xl/workbook.xml": "<x/>", "inner.zip": _zip({"a": "b"})}))
    with pytest.raises(InputRefused):
        archives.check_archive(_zip({"../evil": "x"}))


def test_a_workbook_without_sheets_is_a_refusal_not_a_traceback():
    with pytest.raises(InputRefused):
        archives.open_xlsx(_zip({"xl/workbook.xml": "<workbook/>"}))


def test_xlsx_rows_are_limited_while_streaming():
    from openpyxl import Workbook

    workbook = Workbook()
    for i in range(50):
        workbook.active.append([i])
    buffer = io.BytesIO()
    workbook.save(buffer)
    opened = archives.open_xlsx(buffer.getvalue())
    with pytest.raises(InputRefused):
        list(archives.sheet_rows(opened.worksheets[0], max_rows=10, max_columns=5))
    opened.close()


def test_openpyxl_parses_with_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


class _Form(BoundedInputsMixin, forms.Form):
    name = forms.CharField()
    amount = forms.DecimalField(max_digits=6, decimal_places=2)
    count = forms.IntegerField()


@pytest.mark.parametrize(
    "data",
    [
        {"name": "a\x01", "amount": "1", "count": "1"},
        {"name": "a", "amount": "NaN", "count": "1"},
        {"name": "a", "amount": "1e400", "count": "1"},
        {"name": "a", "amount": "10000,00", "count": "1"},
        {"name": "a", "amount": "1", "count": str(2**63)},
        {"name": "a", "amount": "1", "count": "9" * 5000},
    ],
)
def test_the_form_mixin_refuses_hostile_values(data):
    assert not _Form(data).is_valid()


def test_the_form_mixin_takes_a_decimal_comma():
    form = _Form({"name": "a", "amount": "12,50", "count": "3"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("12.50")


@pytest.mark.django_db
def test_the_database_refuses_a_letter_licence_and_a_year_10000_submission(centre_a):
    from django.db import IntegrityError, transaction

    from centres.models import Centre

    with pytest.raises(IntegrityError), transaction.atomic():
        Centre.objects.filter(pk=centre_a.pk).update(licence_number="abc")
    from frameworks.models import Framework
    from reports.models import Report, Submission

    report = Report.objects.create(centre=centre_a, year=2024, framework=Framework.objects.for_report("CPO", 2024))
    far = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.UTC)
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(report=report, number=1, submitted_at=far, on_time=True)
