"""manage.py wire_source_add: configure an agency feed or drop folder from the command line."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kabar.ingest.models import WireSource
from kabar.news.models import SectionPage


class Command(BaseCommand):
    help = "Add (or change) a wire source: an agency feed or a drop folder the scheduler polls."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True)
        parser.add_argument("--kind", required=True, choices=WireSource.Kind.values)
        parser.add_argument("--url", required=True, help="The feed's address, or a folder.")
        parser.add_argument("--credit", required=True, help="For example: ANTARA.")
        parser.add_argument("--section", default="", help="The default section's slug.")
        parser.add_argument("--rule", default="queue", choices=WireSource.Rule.values)
        parser.add_argument("--poll-minutes", type=int, default=5)
        parser.add_argument("--username", default="")
        parser.add_argument("--password", default="")

    def handle(self, *args, **options):
        section = None
        if options["section"]:
            section = SectionPage.objects.filter(slug=options["section"]).first()
            if section is None:
                raise CommandError(f"No section has the slug {options['section']!r}.")
        if options["rule"] != "queue" and section is None:
            raise CommandError("Drafting or publishing new items needs --section.")
        source = WireSource.objects.filter(name=options["name"]).first() or WireSource(
            name=options["name"]
        )
        source.kind, source.url, source.credit = options["kind"], options["url"], options["credit"]
        source.section, source.rule = section, options["rule"]
        source.poll_minutes = options["poll_minutes"]
        source.username, source.password = options["username"], options["password"]
        # An operator at the console stands for the newsroom; the admin records who set a rule.
        source.rule_set_by = None
        try:
            source.full_clean()
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        created = source.pk is None
        source.save()
        self.stdout.write(f"{'Added' if created else 'Changed'} wire source {source.name}.")
