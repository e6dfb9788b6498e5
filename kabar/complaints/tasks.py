"""Complaint emails run as background tasks, so the form and the admin never wait on SMTP."""

from django_tasks import task

from . import notifications
from .models import Complaint


def _complaint(complaint_id: int) -> Complaint | None:
    return Complaint.objects.select_related("article").filter(pk=complaint_id).first()


@task()
def complaint_received_task(complaint_id: int) -> int:
    complaint = _complaint(complaint_id)
    if complaint is None:
        return 0
    return notifications.complaint_receipt_send(
        complaint=complaint
    ) + notifications.complaint_editors_notify(complaint=complaint)


@task()
def complaint_settled_task(complaint_id: int) -> int:
    complaint = _complaint(complaint_id)
    return notifications.complaint_settled_send(complaint=complaint) if complaint else 0
