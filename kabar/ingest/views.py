"""Admin views for WordPress imports: upload, the list of jobs, one job's progress."""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from .forms import ImportUploadForm
from .models import ImportJob
from .tasks import import_job_run_task, import_job_stall_check

IMPORT_PERMISSION = "ingest.import_wordpress"
RECENT_JOBS = 50


def _check_permission(request) -> None:
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied


def import_index(request):
    _check_permission(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = form.job_create(user=request.user)
        import_job_run_task.enqueue(job.pk)
        return redirect(job)
    jobs = ImportJob.objects.select_related("created_by")[:RECENT_JOBS]
    status = 400 if form.errors else 200
    return TemplateResponse(
        request, "ingest/import_index.html", {"form": form, "jobs": jobs}, status=status
    )


def import_job(request, pk: int):
    _check_permission(request)
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), pk=pk)
    job = import_job_stall_check(job=job)
    return TemplateResponse(request, "ingest/import_job.html", {"job": job})


def import_job_status(request, pk: int):
    _check_permission(request)
    job = import_job_stall_check(job=get_object_or_404(ImportJob, pk=pk))
    return JsonResponse(
        {
            "status": job.status,
            "phase": job.phase,
            "done": job.progress_done,
            "total": job.progress_total,
            "finished": job.is_finished,
            "error": job.error,
        }
    )
