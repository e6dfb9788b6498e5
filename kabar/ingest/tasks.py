"""WordPress imports uploaded in the admin run here, in the task worker, reporting progress."""

import logging
import shutil
import tempfile
from contextlib import contextmanager
from datetime import timedelta
from functools import partial
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import ImportJob
from .services import ImportOptions, ImportSummary, wxr_import
from .services.archive import ArchiveRefused, uploads_archive_extract

logger = logging.getLogger(__name__)

# A running job whose row has not changed for this long has lost its worker.
DEFAULT_STALL_MINUTES = 30
# Write the job row every this many items, so progress costs few queries.
PROGRESS_EVERY = 10


def import_job_options(job: ImportJob) -> ImportOptions:
    """The importer's options from what the editor chose on the upload form."""
    options = job.options or {}
    media_dir = options.get("media_dir")
    return ImportOptions(
        media_dir=Path(media_dir) if media_dir else None,
        fetch_media=bool(options.get("fetch_media")),
        permalink_structure=options.get("permalink_structure") or ImportOptions.permalink_structure,
        dry_run=bool(options.get("dry_run")),
        user=job.created_by,
    )


def import_summary_data(summary: ImportSummary) -> dict:
    """The summary as JSON: counts per kind and outcome, skipped items and notes."""
    return {
        "counts": {kind: dict(counts) for kind, counts in sorted(summary.counts.items())},
        "skipped": [list(pair) for pair in summary.skipped],
        "warnings": [list(pair) for pair in summary.warnings],
    }


def import_job_progress(job: ImportJob, phase: str, done: int, total: int) -> None:
    """Record how far the import has got, every few items and at each phase's end."""
    if phase == job.phase and done % PROGRESS_EVERY and done != total:
        return
    job.phase, job.progress_done, job.progress_total = phase, done, total
    job.save(update_fields=["phase", "progress_done", "progress_total", "updated_at"])


@contextmanager
def import_job_local_copy(field, suffix: str = ".xml"):
    """A local path to an uploaded file; storage without one (cloud, memory) is copied to a
    temp file. The importer reads the export several times, streaming, so it needs a path."""
    try:
        local = Path(field.storage.path(field.name))
    except NotImplementedError:
        local = None
    if local is not None and local.is_file():
        yield local
        return
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy:
        with field.storage.open(field.name, "rb") as stream:
            shutil.copyfileobj(stream, copy, 1 << 20)
        copy.flush()
        yield Path(copy.name)


class ImportStopped(Exception):
    """The import could not start; the message says why, for the editor."""


@contextmanager
def import_job_media_folder(job: ImportJob):
    """The uploads archive sent with the export, unpacked into a temporary folder that is
    removed afterwards; None when none was sent."""
    if not job.media_archive:
        yield None
        return
    with (
        import_job_local_copy(job.media_archive, suffix=".archive") as archive,
        tempfile.TemporaryDirectory(prefix="kabar-uploads-") as folder,
    ):
        try:
            yield uploads_archive_extract(source=archive, target=Path(folder))
        except ArchiveRefused as exc:
            raise ImportStopped(
                _("The uploads archive could not be unpacked: %(reason)s Nothing was imported.")
                % {"reason": exc}
            ) from exc


def import_job_files_delete(job: ImportJob) -> None:
    """Delete the uploaded export and archive: they hold private data and are not kept."""
    for field in (job.export, job.media_archive):
        if field:
            try:
                field.delete(save=False)
            except OSError:
                logger.exception("Could not delete %s of import job %s", field.name, job.pk)


def import_job_crash_message(exc: Exception) -> str:
    return _(
        "The import stopped with an error (%(error)s). What was imported until then stays; "
        "import the same export again to finish it: what is already here is updated, never "
        "duplicated."
    ) % {"error": str(exc) or exc.__class__.__name__}


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Run the job's import; whatever happens, the job ends done or failed, its files gone."""
    job.status, job.started_at = ImportJob.Status.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at", "updated_at"])
    language = job.options.get("language") or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            with import_job_local_copy(job.export) as source, import_job_media_folder(job) as media:
                options = import_job_options(job)
                if media is not None:
                    options.media_dir = media
                summary = wxr_import(
                    source=source,
                    options=options,
                    progress=partial(import_job_progress, job),
                )
        except ImportStopped as exc:
            job.status, job.error = ImportJob.Status.FAILED, str(exc)
        except Exception as exc:
            logger.exception("WordPress import job %s crashed", job.pk)
            job.status, job.error = ImportJob.Status.FAILED, import_job_crash_message(exc)
        else:
            job.summary = import_summary_data(summary)
            job.status = ImportJob.Status.FAILED if summary.fatal else ImportJob.Status.DONE
            job.error = summary.fatal
        finally:
            import_job_files_delete(job)
    if job.status == ImportJob.Status.DONE and job.progress_total:
        job.progress_done = job.progress_total
    job.finished_at = timezone.now()
    job.save()
    return job


def import_job_stall_check(*, job: ImportJob) -> ImportJob:
    """Fail a running job whose worker stopped reporting (killed, restarted): none runs forever."""
    minutes = getattr(settings, "WORDPRESS_IMPORT_STALL_MINUTES", DEFAULT_STALL_MINUTES)
    now = timezone.now()
    stalled = ImportJob.objects.filter(
        pk=job.pk,
        status=ImportJob.Status.RUNNING,
        updated_at__lt=now - timedelta(minutes=minutes),
    ).update(
        status=ImportJob.Status.FAILED,
        finished_at=now,
        error=_(
            "The import stopped reporting progress %(minutes)d minutes ago: its worker was "
            "probably restarted. Upload the export again; the import carries on where it stopped."
        )
        % {"minutes": minutes},
    )
    if stalled:
        job.refresh_from_db()
        # Its worker will not delete them now; the private files do not outlive the job.
        import_job_files_delete(job)
        job.save(update_fields=["export", "media_archive"])
    return job


@task()
def import_job_run_task(job_id: int) -> str:
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return ""
    return import_job_run(job=job).status


@task()
def wire_source_poll_task(source_id: int) -> str:
    """Poll one wire source: each source its own task, so one slow feed holds up no other."""
    from .models import WireSource
    from .services.wire_poll import wire_source_poll

    source = WireSource.objects.filter(pk=source_id, active=True).first()
    if source is None:
        return ""
    counts = wire_source_poll(source=source)
    return counts.line(source.name)


def wire_polls_enqueue() -> int:
    """Queue a poll for every source that is due; the scheduler calls this every round."""
    from .services.wire_poll import wire_sources_due

    due = wire_sources_due()
    for source_id in due:
        wire_source_poll_task.enqueue(source_id)
    return len(due)
