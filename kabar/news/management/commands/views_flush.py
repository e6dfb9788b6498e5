from django.core.management.base import BaseCommand

from kabar.news.view_counts import views_flush


class Command(BaseCommand):
    help = "Add the article views counted in the shared cache to their hourly rows."

    def handle(self, *args, **options):
        recorded = views_flush()
        if recorded:
            self.stdout.write(f"Recorded {recorded} views.")
