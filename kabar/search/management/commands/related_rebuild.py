"""Work out every visible article's "Berita terkait" again: after an import (which defers
publishing's per-article work), after changing the word lists, or on an existing site."""

from django.core.management.base import BaseCommand

from kabar.search.related import related_rebuild


class Command(BaseCommand):
    help = "Work out the related stories of every visible article again."

    def handle(self, *args, **options):
        count = related_rebuild()
        self.stdout.write(f"Related stories worked out for {count} articles.")
