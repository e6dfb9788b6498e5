"""The task worker waits out a database outage instead of exiting (which would leave tasks
unrun until someone restarts it)."""

from unittest import mock

from django.db import OperationalError
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from kabar.ops.management.commands import worker


def test_worker_retries_with_growing_pauses_and_logs_one_line_each(caplog):
    outcomes = [OperationalError("connection refused")] * 3 + [None]
    with (
        mock.patch.object(DBWorkerCommand, "handle", side_effect=outcomes) as handle,
        mock.patch.object(worker.time, "sleep") as sleep,
        mock.patch.object(worker, "tasks_orphaned_requeue") as requeue,
    ):
        # Test settings run tasks at once, so there is no database backend to name.
        worker.Command().handle(verbosity=1)
    assert handle.call_count == 4 and requeue.call_count == 4
    assert [c.args[0] for c in sleep.call_args_list] == [1.0, 2.0, 4.0]
    warnings = [r for r in caplog.records if r.name == worker.__name__]
    assert len(warnings) == 3 and not any(r.exc_info for r in warnings)
    assert "connection refused" in warnings[0].getMessage()


def test_pauses_stop_growing_at_the_maximum():
    assert worker.worker_pause(1) == 1.0
    assert worker.worker_pause(20) == worker.MAX_PAUSE_SECONDS


def test_only_a_dead_claimant_on_this_machine_counts_as_dead():
    from kabar.ops import orphans

    here = orphans.worker_id_here()
    host = here.rpartition(":")[0]
    assert not orphans.claimant_dead(here, host=host)  # this very process
    assert orphans.claimant_dead(f"{host}:999999999", host=host)
    assert not orphans.claimant_dead("other-machine:999999999", host=host)
    assert not orphans.claimant_dead("a1b2c3d4", host=host)  # db_worker's random ids


def test_worker_runs_the_scheduler_beside_the_tasks_when_asked():
    rounds = []

    def scheduler_run(*, stop, interval):
        rounds.append(interval)
        stop.wait()  # runs until the worker stops

    with (
        mock.patch.object(worker.runner, "scheduler_run", side_effect=scheduler_run),
        mock.patch.object(worker.Command, "tasks_run") as tasks_run,
    ):
        worker.Command().handle(verbosity=1, scheduler_interval=30)
        assert rounds == [30] and tasks_run.call_count == 1
        worker.Command().handle(verbosity=1)  # the default: no scheduler in this process
        assert rounds == [30] and tasks_run.call_count == 2
