"""Entries of Kabar's own article screens in the admin's page menus (the "⋯" of a listing)."""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.admin.ui.menus.pages import PageMenuItem


class ArticleScreenMenuItem(PageMenuItem):
    """Opens the screen named `url_name` for the page, which sends the editor back to the
    listing they came from (`next`) when done."""

    url_name: str

    @property
    def url(self):
        url = reverse(self.url_name, args=(self.page.pk,))
        return f"{url}?{urlencode({'next': self.next_url})}" if self.next_url else url
