from django.core.management.base import BaseCommand

from kabar.core.antispam import antispam_prune


class Command(BaseCommand):
    help = "Delete the public forms' rate-limit counters and spent tokens that have run out."

    def handle(self, *args, **options):
        count = antispam_prune()
        if count:
            self.stdout.write(f"{count} expired rate-limit counter(s) and form token(s) deleted.")
