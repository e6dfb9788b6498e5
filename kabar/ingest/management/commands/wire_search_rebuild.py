"""manage.py wire_search_rebuild: the desk's search text of every wire item, written again."""

from django.core.management.base import BaseCommand

from kabar.ingest.services.wire import wire_search_text_rebuild


class Command(BaseCommand):
    help = (
        "Write every wire item's search text again, after KABAR_SEARCH_STOPWORDS or "
        "KABAR_SEARCH_PROTECTED_WORDS changed (the desk's search index follows)."
    )

    def handle(self, *args, **options):
        changed = wire_search_text_rebuild()
        self.stdout.write(f"{changed} wire items changed.")
