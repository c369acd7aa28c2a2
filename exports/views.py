"""The export job's pages: its progress (HTMX polling, or a reload without JavaScript) and the download."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from exports import services
from exports.models import ExportJob, JobStatus


def _own_job(request, pk):
    job = get_object_or_404(ExportJob, pk=pk)
    if not services.can_download(request.user, job):
        raise Http404  # somebody else's export: as if it did not exist
    if job.status == JobStatus.DONE and job.expires_at and job.expires_at <= services.timezone.now():
        job = services.expire(job)
    return job


@login_required
def job_page(request, pk):
    job = _own_job(request, pk)
    return render(request, "exports/job.html", {"job": job})


@login_required
def job_progress(request, pk):
    """The progress fragment the job page polls while the file is being written."""
    job = _own_job(request, pk)
    return render(request, "exports/_progress.html", {"job": job})


@login_required
def download(request, pk):
    job = _own_job(request, pk)
    if job.status != JobStatus.DONE or not job.file:
        return render(request, "exports/job.html", {"job": job}, status=410 if job.status == JobStatus.EXPIRED else 409)
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)


@login_required
def my_exports(request):
    jobs = ExportJob.objects.filter(requested_by=request.user)[:50]
    return render(request, "exports/list.html", {"jobs": jobs})
