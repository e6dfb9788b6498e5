"""The breaking-news banner: on every page at once, gone by itself at its expiry, in every
process and every cache, and switched on by editors only."""

import datetime

import pytest
from django.core.management import call_command
from freezegun import freeze_time
from wagtail.models import Site

from kabar.core.breaking import breaking_news_expire
from kabar.core.models import BreakingNews
from kabar.core.site_data import site_data_forget
from kabar.pagecache import store

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2024, 10, 29, 3, 0, tzinfo=datetime.UTC)
EXPIRES = NOW + datetime.timedelta(hours=2)


@pytest.fixture
def clock():
    with freeze_time(NOW, tick=True) as frozen:
        yield frozen


@pytest.fixture
def banner(home, article, clock):
    """The switch, off; `switch_on()` turns it on for the article until EXPIRES."""
    setting = BreakingNews.for_site(Site.objects.get(is_default_site=True))

    def switch_on(**fields):
        values = {"is_on": True, "article": article, "expires_at": EXPIRES, **fields}
        for name, value in values.items():
            setattr(setting, name, value)
        setting.full_clean()
        setting.save()
        return setting

    setting.switch_on = switch_on
    return setting


def banner_of(client, path: str) -> str:
    html = client.get(path).content.decode()
    if 'class="breaking-news"' not in html:
        return ""
    start = html.index('class="breaking-news"')
    return html[start : html.index("</section>", start)]


def test_no_banner_until_an_editor_switches_it_on(client, banner, article):
    assert banner_of(client, "/") == ""
    banner.switch_on()
    shown = banner_of(client, "/")
    assert "Berita terkini" in shown and "Banjir di Jakarta" in shown
    assert f'href="{article.url}"' in shown
    assert 'aria-labelledby="breaking-news-label"' in shown


def test_the_banner_is_on_every_kind_of_page(client, banner, article, section):
    banner.switch_on(text="Banjir besar: ribuan warga mengungsi")
    for path in ["/", section.url, article.url, "/tag/tidak-ada/", "/penulis/", "/cari/?q=banjir"]:
        assert "ribuan warga mengungsi" in banner_of(client, path), path


def test_switching_it_on_purges_every_cached_page(
    client, banner, article, section, page_cache_on, django_capture_on_commit_callbacks
):
    for path in ["/", section.url, article.url]:
        client.get(path)
        assert client.get(path)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        banner.switch_on()
    for path in ["/", section.url, article.url]:
        response = client.get(path)
        assert response["X-Cache"] == "MISS", path
        assert b"breaking-news" in response.content


def test_cached_pages_are_not_kept_past_the_expiry(client, banner, page_cache_on, clock):
    banner.switch_on(expires_at=NOW + datetime.timedelta(minutes=3))
    response = client.get("/")
    s_maxage = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 170 <= s_maxage <= 180
    assert client.get("/")["X-Cache"] == "HIT"
    # No scheduler has run: the cached copy expires with the banner, and the next render
    # (in any process, whatever site data it holds) leaves the banner out.
    clock.move_to(NOW + datetime.timedelta(minutes=3, seconds=1))
    response = client.get("/")
    assert response["X-Cache"] == "EXPIRED"
    assert b"breaking-news" not in response.content


def test_the_scheduler_switches_it_off_at_its_expiry_and_purges(
    client, banner, article, page_cache_on, clock, django_capture_on_commit_callbacks
):
    banner.switch_on()
    client.get(article.url)
    clock.move_to(EXPIRES - datetime.timedelta(seconds=1))
    assert breaking_news_expire() == []
    token = store.site_token()
    clock.move_to(EXPIRES)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("breaking_news_expire")
    assert store.site_token() != token  # every page purged, the CDN's too when there is one
    banner.refresh_from_db()
    assert not banner.is_on
    response = client.get(article.url)
    assert response["X-Cache"] == "MISS"
    assert b"breaking-news" not in response.content


def test_a_process_holding_the_banner_hides_it_at_the_expiry(client, banner, clock):
    banner.switch_on()
    assert banner_of(client, "/")
    # This process keeps the settings it read; nothing tells it about the expiry.
    clock.move_to(EXPIRES + datetime.timedelta(seconds=1))
    assert banner_of(client, "/") == ""


def test_an_unpublished_article_leaves_the_banner(
    client, banner, article, page_cache_on, django_capture_on_commit_callbacks
):
    banner.switch_on()
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    site_data_forget()  # as another process would once the site token changed
    response = client.get("/")
    assert response["X-Cache"] == "MISS"
    assert b"breaking-news" not in response.content


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"article": None}, "article", "Pilih artikel yang ditautkan banner."),
        ({"expires_at": None}, "expires_at", "Tentukan sampai kapan banner tampil."),
        (
            {"expires_at": NOW - datetime.timedelta(minutes=1)},
            "expires_at",
            "Waktu banner hilang harus masih akan datang.",
        ),
    ],
)
def test_a_banner_needs_an_article_and_a_future_expiry(banner, fields, field, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        banner.switch_on(**fields)
    assert error.value.message_dict[field] == [message]


def settings_url() -> str:
    return f"/admin/settings/core/breakingnews/{Site.objects.get(is_default_site=True).pk}/"


def test_an_editor_switches_it_on_from_the_admin(client, banner, editor, article):
    client.force_login(editor)
    local = EXPIRES.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    response = client.post(
        settings_url(),
        {"is_on": "on", "article": article.pk, "text": "", "expires_at": f"{local:%Y-%m-%d %H:%M}"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    banner.refresh_from_db()
    assert banner.is_on and banner.expires_at == EXPIRES
    client.logout()
    assert "Banjir di Jakarta" in banner_of(client, "/")


def test_writers_cannot_switch_it_on(client, banner, writer):
    client.force_login(writer)
    response = client.get(settings_url())
    assert response.status_code in (302, 403)
    assert not BreakingNews.objects.filter(is_on=True).exists()
