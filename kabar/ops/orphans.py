"""Tasks left claimed by a worker that died mid-task (killed, out of memory, the machine
restarted) are put back in the queue, so each runs to the end once instead of never."""

import logging
import os
import socket
from pathlib import Path

from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def worker_id_here() -> str:
    """This process's worker id: the machine and the process, so a later worker on the same
    machine can tell whether the claimant still lives."""
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def process_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def claimant_dead(worker_id: str, *, host: str) -> bool:
    """True when `worker_id` names a worker process of this machine that no longer runs."""
    claim_host, _, pid = worker_id.rpartition(":")
    return claim_host == host and pid.isdigit() and not process_alive(int(pid))


def tasks_orphaned_requeue() -> int:
    """Put back every running task whose worker on this machine has died; how many."""
    host = socket.gethostname()[:40]
    orphans = [
        result.pk
        for result in DBTaskResult.objects.running().only("pk", "worker_ids")
        if result.worker_ids and claimant_dead(result.worker_ids[-1], host=host)
    ]
    if orphans:
        DBTaskResult.objects.filter(pk__in=orphans, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        logger.warning("Queued again %d task(s) left by a worker that died.", len(orphans))
    return len(orphans)
