from django.core.management.base import BaseCommand

from kabar.newsletters.services import digest_due
from kabar.newsletters.tasks import digest_send_task


class Command(BaseCommand):
    help = "Queue today's newsletter digest for the task worker once it is due (scheduler)."

    def handle(self, *args, **options):
        day = digest_due()
        if day is None:
            return
        digest_send_task.enqueue(day=day.isoformat())
        self.stdout.write(f"Queued the digest of {day.isoformat()}.")
