"""manage.py wire_demo_load: give the demo newsroom a wire desk with agency copy in it."""

from django.core.management.base import BaseCommand

from kabar.ingest.demo import DEMO_SOURCE, wire_demo_load


class Command(BaseCommand):
    help = "Add the demo drop-folder wire source and poll it, unless a wire source exists."

    def handle(self, *args, **options):
        counts = wire_demo_load()
        if counts is None:
            self.stdout.write("A wire source exists already; the demo source was not added.")
        else:
            self.stdout.write(counts.line(DEMO_SOURCE))
