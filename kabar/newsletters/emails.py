"""Newsletter emails: Indonesian, plain text with an HTML alternative, and on every one
the RFC 8058 one-click unsubscribe headers."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from kabar.core.addresses import public_url
from kabar.core.models import SiteSettings
from kabar.core.text import text_single_line

from .tokens import confirm_token, manage_token


def site_name() -> str:
    """The newsroom's name, as the default site's settings give it."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return SiteSettings._meta.get_field("site_name").default
    return SiteSettings.for_site(site).site_name


def confirm_url(subscriber) -> str:
    token = confirm_token(email=subscriber.email, requested_at=subscriber.requested_at)
    return public_url(reverse("newsletters:confirm", args=[token]))


def preferences_url(email: str) -> str:
    return public_url(reverse("newsletters:preferences", args=[manage_token(email)]))


def unsubscribe_url(email: str) -> str:
    return public_url(reverse("newsletters:unsubscribe", args=[manage_token(email)]))


def unsubscribe_headers(email: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs offer an unsubscribe button that POSTs here."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(email)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def message_build(*, to: str, template: str, context: dict, list_mail: bool = True):
    """An email from `newsletters/email/<template>_subject.txt`, `.txt` and `.html`.

    Rendered in the site's language whatever the sender's; the subject is plain text (never
    HTML-escaped: templates render it with autoescape off) on one line.
    """
    context = {
        **context,
        "site_name": context.get("site_name") or site_name(),
        "home_url": public_url("/"),
        "preferences_url": preferences_url(to),
        "unsubscribe_url": unsubscribe_url(to),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = text_single_line(
            render_to_string(f"newsletters/email/{template}_subject.txt", context)
        )
        text = render_to_string(f"newsletters/email/{template}.txt", context)
        html = render_to_string(f"newsletters/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject, text, None, [to], headers=unsubscribe_headers(to) if list_mail else None
    )
    message.attach_alternative(html, "text/html")
    return message


def messages_send(messages: list) -> int:
    """Send the messages over one connection; how many went."""
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
