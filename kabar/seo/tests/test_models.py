import pytest
from django.urls import reverse
from wagtail.models import Site

from kabar.seo.models import FeedSettings


def test_feed_settings_default_to_summaries(home):
    settings = FeedSettings.for_site(Site.objects.get())
    assert settings.content == FeedSettings.Content.SUMMARY
    assert settings.full_text is False
    assert settings.item_count == 30


def test_editors_switch_feeds_to_full_text_in_the_admin(client, home, django_user_model):
    admin = django_user_model.objects.create_superuser("redaksi", "r@example.com", "rahasia")
    client.force_login(admin)
    site = Site.objects.get()
    url = reverse("wagtailsettings:edit", args=["seo", "feedsettings", site.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"content": "full", "item_count": "20"})
    assert response.status_code == 302
    settings = FeedSettings.for_site(site)
    assert (settings.full_text, settings.item_count) == (True, 20)


@pytest.mark.parametrize("count", ["0", "101"])
def test_feed_length_stays_within_bounds(client, home, django_user_model, count):
    admin = django_user_model.objects.create_superuser("redaksi", "r@example.com", "rahasia")
    client.force_login(admin)
    url = reverse("wagtailsettings:edit", args=["seo", "feedsettings", Site.objects.get().pk])
    response = client.post(url, {"content": "summary", "item_count": count})
    assert response.status_code == 200
    assert FeedSettings.for_site(Site.objects.get()).item_count == 30
