"""manage.py wire_poll [--source NAME]: poll wire sources once and print what each brought."""

from django.core.management.base import BaseCommand, CommandError

from kabar.ingest.models import WireSource
from kabar.ingest.services.wire_poll import wire_source_poll


class Command(BaseCommand):
    help = "Poll every active wire source (or one) once, now, whether it is due or not."

    def add_arguments(self, parser):
        parser.add_argument("--source", default="", help="Only the source with this name.")

    def handle(self, *args, **options):
        sources = WireSource.objects.filter(active=True)
        if options["source"]:
            sources = WireSource.objects.filter(name=options["source"])
            if not sources.exists():
                raise CommandError(f"No wire source is named {options['source']!r}.")
        failed = False
        for source in sources:
            counts = wire_source_poll(source=source)
            self.stdout.write(counts.line(source.name))
            for error in counts.errors:
                self.stderr.write(f"  {source.name}: {error}")
            failed = failed or (source.error_streak > 0)
        if failed:
            raise CommandError("Some sources could not be polled.")
