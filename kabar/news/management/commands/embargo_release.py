from django.core.management.base import BaseCommand

from kabar.news.services import embargoes_release


class Command(BaseCommand):
    help = "Bring out the published articles whose embargo has passed and purge their pages."

    def handle(self, *args, **options):
        released = embargoes_release()
        for article in released:
            self.stdout.write(f"Released {article.pk}: {article.title}")
