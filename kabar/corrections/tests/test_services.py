import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time
from wagtail.models import PageLogEntry

from kabar.corrections import services
from kabar.corrections.models import Correction
from kabar.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_correction_add_records_kind_text_time_and_staff(article, editor):
    with freeze_time("2024-10-29 07:05:00+00:00"):
        note = services.correction_add(
            article=article, kind="koreksi", text="  Korban 12 orang, bukan 21.  ", user=editor
        )
    note.refresh_from_db()
    assert (note.kind, note.text, note.created_by) == (
        "koreksi",
        "Korban 12 orang, bukan 21.",
        editor,
    )
    assert note.created_at.isoformat() == "2024-10-29T07:05:00+00:00"
    assert PageLogEntry.objects.filter(page=article, action="corrections.add").exists()


def test_right_of_reply_needs_the_party(article, editor):
    with pytest.raises(ValidationError) as error:
        services.correction_add(
            article=article, kind="hak_jawab", text="Kami membantah.", user=editor
        )
    assert "party" in error.value.message_dict
    assert not Correction.objects.exists()


def test_unknown_kind_and_empty_text_are_refused(article, editor):
    with pytest.raises(ValidationError):
        services.correction_add(article=article, kind="gosip", text="x", user=editor)
    with pytest.raises(ValidationError):
        services.correction_add(article=article, kind="ralat", text="   ", user=editor)
    assert not Correction.objects.exists()


def test_correction_update_keeps_the_original_time(article, editor):
    with freeze_time("2024-10-29 07:05:00+00:00"):
        note = services.correction_add(
            article=article, kind="ralat", text="Salah ketik.", user=editor
        )
    with freeze_time("2024-10-30 07:05:00+00:00"):
        services.correction_update(correction=note, kind="koreksi", text="Koreksi.", user=editor)
    note.refresh_from_db()
    assert (note.kind, note.text) == ("koreksi", "Koreksi.")
    assert note.created_at.isoformat() == "2024-10-29T07:05:00+00:00"


def test_editor_withdraws_with_a_reason(article, editor):
    with freeze_time("2024-10-29 07:05:00+00:00"):
        services.article_withdraw(
            article=article, reason="Sumber tidak dapat dipercaya.", user=editor
        )
    stored = ArticlePage.objects.get(pk=article.pk)
    assert stored.withdrawn_reason == "Sumber tidak dapat dipercaya."
    assert stored.withdrawn_by == editor
    assert stored.withdrawn_at.isoformat() == "2024-10-29T07:05:00+00:00"
    assert PageLogEntry.objects.filter(page=article, action="corrections.withdraw").exists()


def test_administrator_may_withdraw(article, site_admin):
    services.article_withdraw(article=article, reason="Hoaks.", user=site_admin)
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_at is not None


def test_writer_cannot_withdraw(article, writer):
    with pytest.raises(PermissionDenied):
        services.article_withdraw(article=article, reason="Saya mau.", user=writer)
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_at is None


@pytest.mark.parametrize("reason", ["", "   "])
def test_withdrawal_needs_a_reason(article, editor, reason):
    with pytest.raises(ValidationError) as error:
        services.article_withdraw(article=article, reason=reason, user=editor)
    assert "reason" in error.value.message_dict
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_at is None


def test_withdrawing_twice_or_a_draft_is_refused(article, editor, section):
    from kabar.news.tests.factories import ArticlePageFactory

    services.article_withdraw(article=article, reason="Hoaks.", user=editor)
    with pytest.raises(ValidationError):
        services.article_withdraw(
            article=ArticlePage.objects.get(pk=article.pk), reason="Lagi.", user=editor
        )
    draft = ArticlePageFactory(parent=section, live=False)
    with pytest.raises(ValidationError):
        services.article_withdraw(article=draft, reason="Hoaks.", user=editor)


def test_publishing_an_old_revision_does_not_bring_a_withdrawn_story_back(article, editor):
    revision = article.save_revision(user=editor)
    services.article_withdraw(article=article, reason="Hoaks.", user=editor)
    revision.publish(user=editor)
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_reason == "Hoaks."


def test_clearing_the_unverified_mark_records_an_update_note(article, editor):
    article.unverified = True
    article.save_revision(user=editor).publish(user=editor)
    assert not Correction.objects.exists()  # marking it adds nothing

    article = ArticlePage.objects.get(pk=article.pk)
    article.unverified = False
    article.save_revision(user=editor).publish(user=editor)
    note = Correction.objects.get()
    assert (note.article_id, note.kind, note.created_by) == (article.pk, "pembaruan", editor)
    assert "diverifikasi" in note.text

    # Republishing a verified story adds nothing more.
    ArticlePage.objects.get(pk=article.pk).save_revision(user=editor).publish(user=editor)
    assert Correction.objects.count() == 1


def test_editor_undoes_a_withdrawal_with_a_public_note(article, editor):
    with freeze_time("2024-10-29 07:05:00+00:00"):
        services.article_withdraw(article=article, reason="Sumber keliru.", user=editor)
    withdrawn = ArticlePage.objects.get(pk=article.pk)
    with freeze_time("2024-10-29 09:00:00+00:00"):
        note = services.article_reinstate(
            article=withdrawn, reason="Sumber telah dikonfirmasi ulang.", user=editor
        )
    stored = ArticlePage.objects.get(pk=article.pk)
    assert (stored.withdrawn_at, stored.withdrawn_reason, stored.withdrawn_by) == (None, "", None)
    assert ArticlePage.objects.visible().filter(pk=article.pk).exists()
    assert note.kind == Correction.Kind.PEMBARUAN and note.created_by == editor
    assert note.text == (
        "Berita ini sempat dicabut pada Selasa, 29 Oktober 2024 14:05 WIB dan telah "
        "dipulihkan: Sumber telah dikonfirmasi ulang."
    )
    # Both steps stay in the page's history.
    actions = PageLogEntry.objects.filter(page=article).values_list("action", flat=True)
    assert {"corrections.withdraw", "corrections.reinstate"} <= set(actions)


def test_undoing_needs_a_reason_a_withdrawn_story_and_an_editor(article, editor, writer):
    with pytest.raises(ValidationError):
        services.article_reinstate(article=article, reason="Keliru.", user=editor)
    services.article_withdraw(article=article, reason="Sumber keliru.", user=editor)
    withdrawn = ArticlePage.objects.get(pk=article.pk)
    with pytest.raises(ValidationError):
        services.article_reinstate(article=withdrawn, reason="  ", user=editor)
    with pytest.raises(PermissionDenied):
        services.article_reinstate(article=withdrawn, reason="Keliru.", user=writer)
    assert ArticlePage.objects.get(pk=article.pk).withdrawn_at is not None
    assert not Correction.objects.filter(article=article).exists()
