from django.core.management.base import BaseCommand, CommandError

from kabar.news.demo import demo_newsroom_load


class Command(BaseCommand):
    help = "Load the Kabar Harapan demo newsroom into a database that has no news content yet."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Succeed quietly when the database already has content (for every start-up).",
        )

    def handle(self, *args, if_empty=False, verbosity=1, **options):
        if demo_newsroom_load(stdout=self.stdout if verbosity else None):
            return
        message = "The database already has content; the demo newsroom was not loaded."
        if not if_empty:
            raise CommandError(message)
        if verbosity > 1:
            self.stdout.write(message)
