"""The Wagtail admin speaks Indonesian by default and English to those who ask for it."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory, AuthorFactory

pytestmark = pytest.mark.django_db


def language_prefer(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def test_admin_is_in_indonesian_by_default(client, home, editor):
    client.force_login(editor)

    body = client.get(reverse("wagtailadmin_home")).content.decode()

    assert '<html lang="id-id"' in body
    assert "<title>Dasbor - " in body and "Ringkasan situs" in body


def test_admin_login_page_is_in_indonesian(client, home):
    body = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "<title>Masuk - " in body and 'lang="id-id"' in body


def test_admin_is_in_english_for_editors_who_prefer_it(client, home, editor):
    language_prefer(editor, "en")
    client.force_login(editor)

    body = client.get(reverse("wagtailadmin_home")).content.decode()

    assert '<html lang="en"' in body
    assert "<title>Dashboard - " in body and "Site summary" in body


def test_account_settings_offer_both_admin_languages(client, home, editor):
    client.force_login(editor)
    body = client.get(reverse("wagtailadmin_account")).content.decode()
    assert 'value="id-id"' in body and 'value="en"' in body


@pytest.mark.parametrize("language", ["id-id", "en"])
def test_schedule_field_reads_back_what_its_picker_writes(
    client, section, editor, article_form, language
):
    # The date picker fills the field in WAGTAIL_DATETIME_FORMAT; the form must parse it
    # with the editor's language's input formats, or nobody can schedule an article.
    language_prefer(editor, language)
    go_live = (timezone.now() + datetime.timedelta(days=2)).replace(second=0, microsecond=0)
    article = ArticlePageFactory(
        parent=section, live=False, go_live_at=go_live, authors=[AuthorFactory()]
    )
    article.save_revision()
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))

    form = client.get(edit_url).content.decode()
    shown = re.search(r'<input[^>]*name="go_live_at"[^>]*value="([^"]+)"', form)
    response = client.post(
        edit_url,
        {
            **article_form(
                title=article.title,
                slug=article.slug,
                authors=[],
                article=article,
                go_live_at=shown.group(1),
            ),
            "action-publish": "Publish",
        },
    )

    assert response.status_code == 302
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.scheduled_revision.approved_go_live_at == go_live
