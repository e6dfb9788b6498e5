"""manage.py export_wordpress OUT.xml: the site as a WXR 1.2 file WordPress can import."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kabar.ingest.services.export import section_for_export, wxr_export


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = (
        "Export the site (or a date range or section) as a WordPress eXtended RSS 1.2 file: "
        "articles, pages, authors, sections, tags, images and comments."
    )

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path, help="The file to write.")
        parser.add_argument("--since", help="Only articles dated on or after (YYYY-MM-DD).")
        parser.add_argument("--until", help="Only articles dated on or before (YYYY-MM-DD).")
        parser.add_argument("--section", help="Only articles in the section with this slug.")

    def handle(self, *args, out: Path, since, until, section, **options):
        since = _date(since) if since else None
        until = _date(until) if until else None
        if since and until and since > until:
            raise CommandError(_("--since is after --until."))
        section_page = None
        if section:
            section_page = section_for_export(section)
            if section_page is None:
                raise CommandError(_("There is no section “%(slug)s”.") % {"slug": section})
        try:
            with out.open("w", encoding="utf-8") as stream:
                counts = wxr_export(out=stream, since=since, until=until, section=section_page)
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": out, "error": exc}
            ) from exc
        labels = {
            "author": _("Authors"),
            "category": _("Sections"),
            "tag": _("Tags"),
            "attachment": _("Images"),
            "post": _("Articles"),
            "page": _("Pages"),
            "comment": _("Comments"),
        }
        for kind, label in labels.items():
            self.stdout.write(_("%(label)s: %(count)d") % {"label": label, "count": counts[kind]})
        self.stdout.write(self.style.SUCCESS(_("Exported to %(path)s.") % {"path": out}))
