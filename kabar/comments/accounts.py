"""Reader accounts (django-allauth): the links its emails carry start with the public address."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from wagtail.models import Site

from kabar.core.addresses import public_url, url_rebase
from kabar.core.models import SiteSettings


@dataclass(frozen=True)
class PublicSite:
    """What allauth's emails say of "the current site": its name and its public host."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth builds its links (reset, confirmation, sign-up) on the request's host,
        # which behind a proxy is an internal one; moved here to SITE_URL like every email.
        request = allauth_context.request
        if request is not None:
            context = {
                key: url_rebase(request, value) if isinstance(value, str) else value
                for key, value in context.items()
            }
        return super().send_mail(
            template_prefix, email, {"current_site": self.public_site(), **context}
        )

    @staticmethod
    def public_site() -> PublicSite:
        site = Site.objects.filter(is_default_site=True).first()
        name = SiteSettings.for_site(site).site_name if site else ""
        domain = urlsplit(public_url("/")).netloc
        return PublicSite(name=name or domain, domain=domain)
