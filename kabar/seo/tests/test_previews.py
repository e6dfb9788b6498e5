"""The article editor's Google result and WhatsApp/Facebook card preview."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from kabar.seo.previews import text_cut

pytestmark = pytest.mark.django_db


def panel(html: str) -> str:
    """The preview panel's markup in the edit page."""
    start = html.index("data-share-previews")
    return html[start : html.index("</section>", html.index("share-preview--card", start))]


def edit_page(client, user, page) -> str:
    client.force_login(user)
    return client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()


def test_text_is_cut_at_a_word_boundary_with_an_ellipsis():
    assert text_cut("Banjir  di\nJakarta", 60) == "Banjir di Jakarta"
    text = "Pemerintah umumkan rencana pemindahan ibu kota dipercepat, kata menteri"
    cut = text_cut(text, 60)
    assert cut == "Pemerintah umumkan rencana pemindahan ibu kota dipercepat…"
    assert len(cut) <= 60


def test_preview_uses_seo_title_and_search_description(client, article_factory, section, editor):
    article = article_factory(
        parent=section,
        title="Judul biasa",
        seo_title="Judul untuk mesin pencari",
        search_description="Deskripsi khusus untuk Google.",
        summary="Ringkasan yang tidak dipakai.",
    )
    html = panel(edit_page(client, editor, article))
    assert "Judul untuk mesin pencari | Kabar Harapan" in html
    assert "Deskripsi khusus untuk Google." in html
    assert "Ringkasan yang tidak dipakai." not in html
    assert f"testserver › {section.slug} › <span data-preview-slug>{article.slug}</span>" in html
    assert "Hasil pencarian Google" in html and "Dibagikan di WhatsApp atau Facebook" in html


def test_preview_falls_back_to_title_and_summary(client, article_factory, section, editor):
    article = article_factory(parent=section, title="Banjir di Jakarta", summary="Air naik.")
    html = panel(edit_page(client, editor, article))
    assert "Banjir di Jakarta | Kabar Harapan" in html
    assert "data-preview-card-title>Banjir di Jakarta<" in html
    assert "Air naik." in html


def test_long_title_and_description_are_cut_and_flagged(client, article_factory, section, editor):
    article = article_factory(
        parent=section, title="Sangat panjang " * 8, search_description="Kalimat panjang. " * 20
    )
    html = panel(edit_page(client, editor, article))
    title = re.search(r"data-preview-search-title>([^<]*)<", html).group(1)
    description = re.search(r"data-preview-search-description>([^<]*)<", html).group(1)
    assert title.endswith("…") and len(title) <= 60
    assert description.endswith("…") and len(description) <= 160
    assert "Google akan memotongnya" in html
    assert "data-preview-title-warning hidden" not in html


def test_short_title_raises_no_warning(client, article, editor):
    html = panel(edit_page(client, editor, article))
    assert "data-preview-title-warning hidden" in html
    assert "data-preview-description-warning hidden" in html


def test_preview_shows_the_revision_being_edited(client, article, editor):
    draft = article.get_latest_revision_as_object()
    draft.seo_title = "Judul draf terbaru"
    draft.save_revision(user=editor)
    assert "Judul draf terbaru | Kabar Harapan" in panel(edit_page(client, editor, article))


def test_card_shows_social_image_else_featured_image(client, article_factory, section, editor):
    import wagtail_factories

    photo = wagtail_factories.ImageFactory(file__width=1600, file__height=900)
    article = article_factory(parent=section, featured_image=photo)
    html = panel(edit_page(client, editor, article))
    rendition = photo.get_rendition("fill-1200x675")
    assert f'src="{rendition.url}"' in html
    bare = article_factory(parent=section)
    assert "kartu menampilkan logo situs" in panel(edit_page(client, editor, bare))


def test_new_article_form_shows_the_preview(client, section, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    html = client.get(url).content.decode()
    assert f"testserver › {section.slug}" in panel(html)
    assert "seo/admin/previews" in html


def test_live_preview_script_cuts_like_the_server():
    with open(finders.find("seo/admin/previews.js"), encoding="utf-8") as script:
        source = script.read()
    assert 'part.lastIndexOf(" ")' in source and "`${title} | ${root.dataset.siteName}`" in source
