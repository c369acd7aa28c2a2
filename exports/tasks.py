"""The job queue's side of exports: one task that writes one job's file."""

from django_tasks import task


@task()
def run_export_job(job_id):
    from exports.services import run_export

    run_export(job_id)
