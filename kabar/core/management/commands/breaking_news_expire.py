from django.core.management.base import BaseCommand

from kabar.core.breaking import breaking_news_expire


class Command(BaseCommand):
    help = "Switch off the breaking-news banners whose time has passed and purge every page."

    def handle(self, *args, **options):
        for banner in breaking_news_expire():
            self.stdout.write(f"Breaking news banner of site {banner.site_id} expired.")
