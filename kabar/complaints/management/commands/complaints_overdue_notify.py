from django.core.management.base import BaseCommand

from kabar.complaints.services import complaints_overdue_notify


class Command(BaseCommand):
    help = "Email the editors about complaints past the 2×24 hours PPMS allows (once each)."

    def handle(self, *args, **options):
        count = complaints_overdue_notify()
        if count:
            self.stdout.write(f"{count} overdue complaint(s) reported to the editors.")
