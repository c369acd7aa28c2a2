"""Anonymous answer exports (CSV and XLSX) that stream: memory stays flat however many answers there are.

Rows carry the response number (not any invitation), the centre, the date and the answer. There is no
path from Answer to an e-mail address in the schema, so none can leak into a file.
"""

import csv
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook

from formatting.cells import safe_cell, xlsx_text_cell
from surveys.models import Answer

CHUNK = 2000
HEADER = [
    "response",
    "submitted_on",
    "centre_licence",
    "centre",
    "region",
    "campaign",
    "questionnaire",
    "version",
    "wave_months",
    "question",
    "value",
]
FIELDS = [
    "response_id",
    "response__submitted_at",
    "response__campaign__centre__licence_number",
    "response__campaign__centre__name",
    "response__campaign__centre__region",
    "response__campaign_id",
    "response__campaign__version__questionnaire__code",
    "response__campaign__version__number",
    "response__wave_months",
    "question_code",
    "value",
]


def answer_rows(answers):
    for row in answers.order_by("response_id", "id").values_list(*FIELDS).iterator(chunk_size=CHUNK):
        row = list(row)
        row[1] = row[1].date().isoformat()
        yield row


class _Echo:
    def write(self, value):
        return value


def csv_response(answers, filename):
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so Excel reads the Cyrillic as UTF-8
        yield writer.writerow(HEADER)
        for row in answer_rows(answers):
            yield writer.writerow([safe_cell(v) for v in row])  # a respondent's "=..." stays text

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(answers, filename):
    workbook = Workbook(write_only=True)  # rows go to disk as they are appended
    sheet = workbook.create_sheet("answers")
    sheet.append(HEADER)
    for row in answer_rows(answers):
        # Text cells are written as text: openpyxl would store a respondent's "=HYPERLINK(...)" as a formula.
        sheet.append([xlsx_text_cell(sheet, v) if isinstance(v, str) else v for v in row])
    # Not a context manager: FileResponse closes the file once it has been sent.
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=f"{filename}.xlsx")


def answers_for(questionnaire, year):
    return Answer.objects.filter(
        response__campaign__version__questionnaire=questionnaire, response__campaign__year=year
    )
