"""The newsroom's side in the Wagtail admin, in Indonesian: notes, withdrawal, verification."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from kabar.corrections import services
from kabar.corrections.models import Correction
from kabar.news.models import ArticlePage
from kabar.news.tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_editor_adds_a_note_from_the_article(client, article, editor):
    client.force_login(editor)
    # The article's own admin page offers the way in.
    header = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    add_url = reverse("correction_notes:add") + f"?article={article.pk}"
    assert add_url.replace("?", "?") in header.replace("&amp;", "&")
    form = client.get(add_url)
    assert form.status_code == 200
    assert "Hak Jawab" in form.content.decode() and "Jenis" in form.content.decode()
    response = client.post(
        add_url,
        {
            "article": article.pk,
            "kind": "koreksi",
            "text": "Korban 12 orang, bukan 21.",
            "party": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    note = Correction.objects.get()
    assert (note.article_id, note.kind, note.created_by) == (article.pk, "koreksi", editor)


def test_right_of_reply_without_party_is_sent_back_with_the_text_kept(client, article, editor):
    client.force_login(editor)
    response = client.post(
        reverse("correction_notes:add"),
        {"article": article.pk, "kind": "hak_jawab", "text": "Kami membantah.", "party": ""},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sebutkan pihak yang menggunakan hak jawab ini." in body
    assert "Kami membantah." in body
    assert not Correction.objects.exists()


def test_editor_edits_a_note_and_its_time_stays(client, article, editor):
    note = Correction.objects.create(
        article=article, kind="ralat", text="Salah.", created_by=editor
    )
    created = note.created_at
    client.force_login(editor)
    response = client.post(
        reverse("correction_notes:edit", args=[note.pk]),
        {"article": article.pk, "kind": "ralat", "text": "Salah ketik nama.", "party": ""},
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Salah ketik nama." and note.created_at == created


def test_writer_cannot_reach_the_notes_admin(client, article, writer):
    client.force_login(writer)
    response = client.get(reverse("correction_notes:add"))
    assert response.status_code in (302, 403)


def test_editor_withdraws_through_the_admin_form(client, article, editor):
    client.force_login(editor)
    url = reverse("corrections_withdraw", args=[article.pk])
    assert url in client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    page = client.get(url).content.decode()
    assert "Cabut berita" in page and "Alasan untuk pembaca" in page
    response = client.post(url, {"reason": "Sumber keliru.", "confirm": "on"})
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_reason == "Sumber keliru."
    # Opening the story again warns that it stays withdrawn, and offers no second withdrawal.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).content.decode()
    assert "Berita ini telah dicabut: alamatnya menjawab 410 Gone" in edit
    assert url not in edit


def test_withdraw_form_requires_the_reason(client, article, editor):
    client.force_login(editor)
    url = reverse("corrections_withdraw", args=[article.pk])
    response = client.post(url, {"reason": "  ", "confirm": "on"})
    assert response.status_code == 200
    assert "Tuliskan alasan yang akan dibaca pembaca." in response.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_at is None


def test_writer_gets_no_withdraw_button_and_is_refused(client, article, section, writer, editor):
    client.force_login(writer)
    url = reverse("corrections_withdraw", args=[article.pk])
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert client.post(url, {"reason": "Saya mau.", "confirm": "on"}).status_code in (302, 403)
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_at is None
    client.force_login(editor)  # the button is there for an editor, not for a writer
    assert url in client.get(reverse("wagtailadmin_explore", args=[section.pk])).content.decode()
    client.force_login(writer)
    assert (
        url not in client.get(reverse("wagtailadmin_explore", args=[section.pk])).content.decode()
    )


@freeze_time("2024-10-29 07:00:00+00:00")
def test_unverified_list_shows_the_stories_with_their_age(client, section, editor):
    three_hours_ago = timezone.now() - datetime.timedelta(hours=3)
    ArticlePageFactory(
        parent=section, title="Topan di Luzon", unverified=True, first_published_at=three_hours_ago
    )
    ArticlePageFactory(parent=section, title="Harga beras")
    client.force_login(editor)
    body = client.get(reverse("corrections_unverified")).content.decode()
    assert "Menunggu verifikasi" in body
    assert "Topan di Luzon" in body and "Harga beras" not in body
    assert "3\xa0jam" in body


def test_notes_list_filters_by_article_and_kind(client, article, section, editor):
    other = ArticlePageFactory(parent=section, title="Banjir Demak")
    Correction.objects.create(article=article, kind="ralat", text="Satu", created_by=editor)
    Correction.objects.create(article=other, kind="koreksi", text="Dua", created_by=editor)
    client.force_login(editor)
    index = reverse("correction_notes:index")
    body = client.get(index, {"article": article.pk}).content.decode()
    assert "Gempa di Cianjur" in body and "Banjir Demak" not in body
    body = client.get(index, {"kind": "koreksi"}).content.decode()
    assert "Banjir Demak" in body and "Gempa di Cianjur" not in body


def test_editor_undoes_a_withdrawal_through_the_admin(client, article, section, editor):
    client.force_login(editor)
    services.article_withdraw(article=article, reason="Sumber keliru.", user=editor)
    url = reverse("corrections_reinstate", args=[article.pk])
    # Offered in the page's menu instead of a second withdrawal.
    assert url in client.get(reverse("wagtailadmin_explore", args=[section.pk])).content.decode()
    page = client.get(url).content.decode()
    assert "Batalkan pencabutan" in page and "Sumber keliru." in page
    refused = client.post(url, {"reason": ""})
    assert "Tuliskan alasan yang akan dibaca pembaca." in refused.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_at is not None
    response = client.post(url, {"reason": "Sumber telah dikonfirmasi."})
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_at is None
    assert (
        reverse("corrections_withdraw", args=[article.pk])
        in client.get(reverse("wagtailadmin_explore", args=[section.pk])).content.decode()
    )


def test_writer_cannot_undo_a_withdrawal(client, article, editor, writer):
    services.article_withdraw(article=article, reason="Sumber keliru.", user=editor)
    client.force_login(writer)
    url = reverse("corrections_reinstate", args=[article.pk])
    assert client.post(url, {"reason": "Saya mau."}).status_code in (302, 403)
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_at is not None
