"""An export kind for the life-cycle tests: a few rows, watching the job's progress as they are written."""

from exports.kinds import Table
from exports.models import ExportJob, JobStatus

SEEN = []  # rows_done of the running job, read back while rows are produced


def allowed(user):
    return user.is_authenticated


def describe(params):
    return "Проба", "proba"


def _rows(params):
    for n in range(params.get("rows", 10)):
        if params.get("fail_at") == n:
            raise RuntimeError("няма връзка с базата")
        SEEN.append(ExportJob.objects.get(status=JobStatus.RUNNING).rows_done)
        yield [n, f"ред {n}", "=1+1"]


def table(params):
    return Table(
        headers=[["Номер", "Текст", "Формула"], ["n", "text", "formula"]],
        rows=_rows(params),
        total=params.get("rows", 10),
    )
