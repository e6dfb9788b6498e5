from django_tasks import task

from .health import WORKER, heartbeat_record


@task()
def worker_heartbeat() -> None:
    """Run by the task worker when the scheduler asks: proves the worker takes tasks."""
    heartbeat_record(WORKER)
