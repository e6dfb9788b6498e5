"""Old article URLs keep working: a new slug or a new section leaves a 301 behind."""

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from kabar.news.models import ArticlePage
from kabar.news.tests.factories import SectionPageFactory

pytestmark = pytest.mark.django_db


def test_new_slug_redirects_the_old_url(
    client, editor, article, article_form, django_capture_on_commit_callbacks
):
    old_url = article.url
    client.force_login(editor)

    # Wagtail announces a slug change once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtailadmin_pages:edit", args=(article.pk,)),
            {
                **article_form(
                    title="Banjir di Jakarta surut",
                    slug="banjir-di-jakarta-surut",
                    authors=[],
                    article=article,
                ),
                "action-publish": "Publish",
            },
        )
    client.logout()

    article = ArticlePage.objects.get(pk=article.pk)
    assert old_url == "/luar-negeri/banjir-di-jakarta/"
    assert article.url == "/luar-negeri/banjir-di-jakarta-surut/"
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.url
    assert client.get(article.url).status_code == 200


def test_moving_to_another_section_redirects_the_old_url(client, home, editor, article):
    domestic = SectionPageFactory(parent=home, title="Dalam Negeri", slug="dalam-negeri")
    old_url = article.url
    client.force_login(editor)

    response = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=(article.pk, domestic.pk))
    )
    client.logout()

    assert response.status_code == 302
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.get_parent().pk == domestic.pk
    assert article.url == "/dalam-negeri/banjir-di-jakarta/"
    moved = client.get(old_url)
    assert moved.status_code == 301 and moved["Location"] == article.url
    assert client.get(article.url).status_code == 200


def test_renamed_section_redirects_its_articles(
    client, editor, section, article, django_capture_on_commit_callbacks
):
    section.slug = "internasional"
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision(user=editor).publish()

    response = client.get("/luar-negeri/banjir-di-jakarta/")

    assert response.status_code == 301
    assert response["Location"] == "/internasional/banjir-di-jakarta/"


def test_draft_slug_change_leaves_no_redirect(
    client, editor, article, article_form, django_capture_on_commit_callbacks
):
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("wagtailadmin_pages:edit", args=(article.pk,)),
            article_form(
                title=article.title,
                slug="belum-terbit",
                authors=[],
                article=article,
            ),
        )

    assert not Redirect.objects.exists()
    assert client.get("/luar-negeri/banjir-di-jakarta/").status_code == 200
