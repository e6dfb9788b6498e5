"""The site, its settings and menus are read once per process and again after a change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from kabar.core.models import MenuItem, SiteSettings
from kabar.core.site_data import site_data_forget
from kabar.pagecache import store

pytestmark = pytest.mark.django_db


def queries_for(client, path: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(path).content.decode()
    return len(queries), html


@pytest.fixture
def menu(home, section):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.site_name = "Kabar Harapan"
    site_settings.save()
    MenuItem.objects.create(settings=site_settings, page=section, sort_order=0)
    site_data_forget()
    return site_settings


def test_a_second_page_reads_no_settings_or_menu(client, menu, article):
    first, _ = queries_for(client, article.url)
    second, html = queries_for(client, article.url)
    assert second <= first - 5
    assert "Kabar Harapan" in html and f'href="{article.get_parent().url}"' in html


def test_a_change_in_this_process_shows_on_the_next_page(client, menu, article):
    client.get(article.url)
    menu.site_name = "Kabar Baru"
    menu.save()
    assert "Kabar Baru" in client.get(article.url).content.decode()


def test_a_change_in_another_process_shows_once_the_site_token_changes(client, menu, article):
    client.get(article.url)
    # Another process saved the settings: this one's signal never fired, so only the site
    # token the page cache shares tells it.
    SiteSettings.objects.filter(pk=menu.pk).update(site_name="Kabar Lain")
    assert "Kabar Harapan" in client.get(article.url).content.decode()
    store.site_forget()
    assert "Kabar Lain" in client.get(article.url).content.decode()


def main_menu(client) -> str:
    html = client.get("/").content.decode()
    return html.split('class="site-nav"')[1].split("</nav>")[0] if "site-nav" in html else ""


def test_an_unpublished_menu_page_leaves_the_menu(client, menu, section):
    assert f'href="{section.url}"' in main_menu(client)
    url = section.url
    section.unpublish()
    assert f'href="{url}"' not in main_menu(client)
