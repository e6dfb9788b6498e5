"""Emails about complaints: to the complainant (received, published, rejected) and the editors."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from kabar.core.addresses import page_public_url, public_url
from kabar.core.ppms import HANDLING_TIME

from .models import Complaint

ADMIN_URL_NAMESPACE = "complaints_admin"


def editor_emails() -> list[str]:
    """Everyone who may handle complaints: superusers and whoever may change them."""
    may_handle = Q(groups__permissions__codename="change_complaint") | Q(
        user_permissions__codename="change_complaint"
    )
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return sorted(
        set(users.filter(Q(is_superuser=True) | may_handle).values_list("email", flat=True))
    )


def complaint_admin_url(complaint: Complaint) -> str:
    return public_url(reverse(f"{ADMIN_URL_NAMESPACE}:edit", args=[complaint.pk]))


def _send(template: str, context: dict, recipients: list[str]) -> int:
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"complaints/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"complaints/email/{template}.txt", context)
    return send_mail(subject, body, None, recipients)


def complaint_receipt_send(*, complaint: Complaint) -> int:
    """Confirm to the complainant that the newsroom has their complaint, and by when it acts."""
    if not complaint.email:
        return 0
    context = {"complaint": complaint, "deadline": complaint.created_at + HANDLING_TIME}
    return _send("received", context, [complaint.email])


def complaint_editors_notify(*, complaint: Complaint) -> int:
    """Tell the editors that a complaint has come in."""
    context = {"complaint": complaint, "admin_url": complaint_admin_url(complaint)}
    return _send("new", context, editor_emails())


def complaint_settled_send(*, complaint: Complaint) -> int:
    """Tell the complainant their complaint was published on the story, or why it was not."""
    if not complaint.email:
        return 0
    template = "published" if complaint.status == Complaint.Status.PUBLISHED else "rejected"
    context = {"complaint": complaint, "article_url": page_public_url(complaint.article)}
    return _send(template, context, [complaint.email])


def complaints_overdue_send(*, complaints: list[Complaint]) -> int:
    """One email to the editors listing the complaints past the 2×24 hours."""
    context = {
        "complaints": [(c, complaint_admin_url(c)) for c in complaints],
        "queue_url": public_url(reverse(f"{ADMIN_URL_NAMESPACE}:index")),
    }
    return _send("overdue", context, editor_emails())
