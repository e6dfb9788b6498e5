"""Word count and reading time: the plain functions, the editor's panel and Wagtail's checks."""

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from django.urls import reverse

from kabar.news.metrics import article_word_count, reading_minutes, text_word_count

pytestmark = pytest.mark.django_db


def words(n: int) -> str:
    return " ".join(["kata"] * n)


def test_words_are_runs_of_letters_or_digits():
    assert text_word_count("Banjir di Jakarta, 30 rumah terendam.") == 6
    assert text_word_count("") == 0


@pytest.mark.parametrize(("count", "minutes"), [(0, 1), (200, 1), (201, 2), (1000, 5)])
def test_reading_time_rounds_up_to_whole_minutes(count, minutes):
    assert reading_minutes(count) == minutes


def test_article_counts_summary_paragraphs_subheadings_and_quotes_only(article_factory, section):
    article = article_factory(
        parent=section,
        summary="Dua kata",
        body=[
            ("paragraph", "<p>Tiga <b>kata</b> ini</p>"),
            ("subheading", "Empat kata di sini"),
            ("quote", {"quote": "Lima kata dalam kutipan ini", "attribution": "Bukan dihitung"}),
            ("embed", {"url": "https://www.youtube.com/watch?v=abcdefghijk"}),
        ],
    )
    assert article_word_count(article) == 2 + 3 + 4 + 5


def test_reading_time_is_saved_with_the_article(article_factory, section):
    article = article_factory(parent=section, summary="", body=[("paragraph", words(401))])
    assert article.reading_minutes == 3


def test_editor_panel_shows_the_saved_revisions_count_in_indonesian(client, article, editor):
    draft = article.get_latest_revision_as_object()
    draft.summary = ""
    draft.body = [("paragraph", f"<p>{words(450)}</p>")]
    draft.save_revision(user=editor)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    assert "<span data-writing-words>450</span> kata" in html
    assert "<span data-writing-minutes>3</span> menit baca" in html
    assert "news/admin/writing" in html


def test_live_counter_script_is_kabars_own_static_file():
    path = finders.find("news/admin/writing.js")
    assert path is not None
    with open(path, encoding="utf-8") as script:
        source = script.read()
    # The same rule as kabar.news.metrics: 200 words a minute read from the panel, rounded up.
    assert "Math.ceil(total / perMinute)" in source and "http" not in source


def test_preview_panel_carries_wagtails_checks_but_readers_page_does_not(client, article, editor):
    # Wagtail's checks panel counts words in the preview through the userbar: without it, "-".
    client.force_login(editor)
    cookies = "; ".join(f"{key}={morsel.value}" for key, morsel in client.cookies.items())
    request = RequestFactory().get("/", HTTP_COOKIE=cookies)
    preview = article.make_preview_request(
        original_request=request, extra_request_attrs={"in_preview_panel": True}
    )
    assert "<wagtail-userbar" in preview.content.decode()
    # Framed by the editor (the admin's policy), not refused as a reader's page would be.
    policy = preview["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "frame-ancestors 'none'" not in policy
    assert "<wagtail-userbar" not in client.get(article.url).content.decode()


def test_readers_see_the_reading_time(client, article_factory, section):
    article = article_factory(parent=section, summary="", body=[("paragraph", words(450))])
    assert "3 menit baca" in client.get(article.url).content.decode()
