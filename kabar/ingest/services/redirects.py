"""Old WordPress addresses kept working as permanent Wagtail redirects."""

from urllib.parse import urlparse

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from .run import ImportRun


def redirect_upsert(
    *, run: ImportRun, old_path: str, page: Page | None = None, link: str = ""
) -> Redirect | None:
    """A 301 from the old path to the page (or link); None when they are the same address."""
    if not old_path or (page is None and not link):
        return None
    normalised = Redirect.normalise_path(old_path)
    target = page.relative_url(run.site) if page is not None else link
    if target and Redirect.normalise_path(urlparse(target).path) == normalised:
        return None  # The new address is the old one: nothing to redirect.
    values = {
        "redirect_page": page,
        "redirect_link": "" if page is not None else link,
        "is_permanent": True,
    }
    # Not update_or_create: its two savepoints per call cost more than the lookup and write.
    redirect = Redirect.objects.filter(old_path=normalised, site=run.site).first()
    if redirect is None:
        return Redirect.objects.create(old_path=normalised, site=run.site, **values)
    for name, value in values.items():
        setattr(redirect, name, value)
    redirect.save(update_fields=list(values))
    return redirect
