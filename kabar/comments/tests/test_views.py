from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from kabar.comments.cookies import REMEMBER_COOKIE
from kabar.comments.models import ReaderComment

from .conftest import form_data, started_token

Status = ReaderComment.Status
POST_URL = "/komentar/kirim/"


def section_html(client, article, **params) -> str:
    response = client.get(reverse("comments:section", args=[article.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_post_without_javascript_redirects_to_the_comment(client, article):
    response = client.post(POST_URL, form_data(article))
    comment = ReaderComment.objects.get()
    assert response.status_code == 303
    # The article shows no list: the reader lands on the comments page, at their comment.
    assert response["Location"] == f"/komentar/{article.pk}/#comment-{comment.pk}"


def test_held_comment_is_shown_only_to_its_author(client, article):
    client.post(POST_URL, form_data(article, body="Komentar yang ditahan"))
    mine = section_html(client, article)
    assert "Komentar yang ditahan" in mine and "Komentar Anda menunggu moderasi." in mine
    assert "Komentar yang ditahan" not in section_html(Client(), article)


def test_approved_comment_is_shown_to_everyone(client, article):
    ReaderComment.objects.create(
        article=article,
        author_name="Ani",
        author_email="ani@x.id",
        body="Terima kasih",
        status=Status.APPROVED,
    )
    html = section_html(Client(), article)
    assert "Terima kasih" in html and "Ani" in html


def test_email_address_never_appears_in_the_page(client, article):
    ReaderComment.objects.create(
        article=article,
        author_name="Ani",
        author_email="rahasia@x.id",
        body="Halo",
        status=Status.APPROVED,
    )
    client.post(POST_URL, form_data(article, email="milikku@x.id", body="Pending"))
    html = section_html(client, article)
    assert "rahasia@x.id" not in html and "milikku@x.id" not in html


def test_form_is_in_indonesian_by_default(client, article):
    html = section_html(client, article)
    assert "Tinggalkan Balasan" in html
    assert "Alamat email Anda tidak akan dipublikasikan. Ruas yang wajib ditandai *" in html


def test_form_is_in_english_under_en(client, article):
    response = client.get(f"/en/komentar/artikel/{article.pk}/")
    assert "Leave a Reply" in response.content.decode()


def test_threaded_replies_render_oldest_first_with_permalinks(client, article):
    first = ReaderComment.objects.create(
        article=article,
        author_name="A",
        author_email="a@x.id",
        body="Pertama",
        status=Status.APPROVED,
    )
    ReaderComment.objects.create(
        article=article,
        author_name="B",
        author_email="b@x.id",
        body="Balasan",
        parent=first,
        status=Status.APPROVED,
    )
    ReaderComment.objects.create(
        article=article,
        author_name="C",
        author_email="c@x.id",
        body="Kedua",
        status=Status.APPROVED,
    )
    html = section_html(client, article)
    assert html.index("Pertama") < html.index("Balasan") < html.index("Kedua")
    assert f'id="comment-{first.pk}"' in html and f'href="#comment-{first.pk}"' in html
    assert "comment-list--replies" in html and "Balas</a>" in html
    assert "3 komentar" in html


def test_comment_pages_split_top_level_threads(client, article, rules):
    rules.per_page = 2
    rules.save()
    for n in range(3):
        ReaderComment.objects.create(
            article=article,
            author_name="A",
            author_email="a@x.id",
            body=f"Nomor {n}",
            status=Status.APPROVED,
        )
    first = section_html(client, article)
    second = section_html(client, article, **{"komentar-hal": 2})
    assert "Nomor 0" in first and "Nomor 2" not in first
    assert "Nomor 2" in second and "Nomor 0" not in second


@pytest.mark.parametrize("page", ["abc", "0", "99"])
def test_bad_comment_page_number_is_404(client, article, page):
    response = client.get(reverse("comments:section", args=[article.pk]), {"komentar-hal": page})
    assert response.status_code == 404


def test_section_of_unknown_or_draft_article_is_404(client, section):
    from kabar.news.tests.factories import ArticlePageFactory

    draft = ArticlePageFactory(parent=section, live=False)
    assert client.get(reverse("comments:section", args=[draft.pk])).status_code == 404
    assert client.get(reverse("comments:section", args=[999999])).status_code == 404


def test_section_fragment_is_never_cached_and_carries_a_csrf_token(client, article):
    response = client.get(reverse("comments:section", args=[article.pk]))
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_closed_article_shows_no_form(client, article):
    article.comments_open = False
    article.save()
    html = section_html(client, article)
    assert "Tinggalkan Balasan" not in html and "Komentar ditutup" in html


def test_honeypot_filled_is_refused(client, article):
    response = client.post(POST_URL, form_data(article, alamat_kantor="http://spam.example"))
    assert response.status_code == 400 and not ReaderComment.objects.exists()


def test_form_sent_too_quickly_is_refused_but_keeps_the_text(client, article):
    data = form_data(article, body="Tulisan saya", started=started_token(article.pk, 0))
    response = client.post(POST_URL, data)
    assert response.status_code == 400 and not ReaderComment.objects.exists()
    assert "Tulisan saya" in response.content.decode()


def test_tampered_timestamp_is_refused(client, article):
    response = client.post(POST_URL, form_data(article, started="rusak"))
    assert response.status_code == 400 and not ReaderComment.objects.exists()


def test_missing_required_fields_keep_the_text_and_explain(client, article):
    response = client.post(POST_URL, form_data(article, name="", body="Isi penting"))
    html = response.content.decode()
    assert response.status_code == 400 and "Isi penting" in html
    assert "Komentar Anda tidak dapat dikirim" in html


def test_unknown_article_or_garbage_is_404_not_500(client, article):
    assert client.post(POST_URL, form_data(article, article="999999")).status_code == 404
    assert client.post(POST_URL, form_data(article, article="abc")).status_code == 404
    assert client.get(POST_URL).status_code == 405


def test_database_failure_keeps_the_readers_text(client, article):
    with mock.patch.object(ReaderComment, "save", side_effect=DatabaseError("disk full")):
        response = client.post(POST_URL, form_data(article, body="Jangan sampai hilang"))
    html = response.content.decode()
    assert response.status_code == 503
    assert "Jangan sampai hilang" in html and "tidak dapat disimpan" in html


def test_post_from_cached_page_without_token_asks_to_confirm_then_succeeds(article):
    browser = Client(enforce_csrf_checks=True)
    first = browser.post(POST_URL, form_data(article, body="Dari halaman cache"))
    html = first.content.decode()
    assert first.status_code == 403 and not ReaderComment.objects.exists()
    assert "Dari halaman cache" in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    second = browser.post(
        POST_URL, form_data(article, body="Dari halaman cache", csrfmiddlewaretoken=token)
    )
    assert second.status_code == 303 and ReaderComment.objects.count() == 1


def test_token_from_the_live_fragment_lets_a_fresh_browser_post(article):
    browser = Client(enforce_csrf_checks=True)
    html = section_html(browser, article)
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = browser.post(
        POST_URL,
        form_data(article, csrfmiddlewaretoken=token),
        headers={"X-Requested-With": "fetch"},
    )
    assert response.status_code == 201


def test_fetch_post_answers_json_with_rendered_comment(client, article):
    response = client.post(
        POST_URL, form_data(article, body="<b>Lewat JS</b>"), headers={"X-Requested-With": "fetch"}
    )
    data = response.json()
    assert response.status_code == 201 and data["held"] is True
    assert "&lt;b&gt;Lewat JS&lt;/b&gt;" in data["html"] and "budi@example.id" not in data["html"]
    assert data["message"] == "Komentar Anda menunggu moderasi."


def test_fetch_post_errors_come_back_as_json(client, article):
    response = client.post(
        POST_URL, form_data(article, email="bukan-email"), headers={"X-Requested-With": "fetch"}
    )
    assert response.status_code == 400 and "email" in response.json()["errors"]


def test_remember_me_prefills_the_form_and_can_be_forgotten(client, article):
    client.post(POST_URL, form_data(article, remember="on", url="https://budi.example"))
    html = section_html(client, article)
    assert 'value="Budi"' in html and 'value="https://budi.example"' in html
    client.post(POST_URL, form_data(article, body="Lain kali lupakan"))
    assert client.cookies[REMEMBER_COOKIE].value == ""


def test_staff_comment_is_published_and_marked_as_newsroom(admin_client, article):
    response = admin_client.post(
        POST_URL,
        {"article": article.pk, "body": "Dari redaksi", "started": started_token(article.pk)},
    )
    assert response.status_code == 303
    html = section_html(Client(), article)
    assert "Dari redaksi" in html and "Redaksi" in html


def test_reply_link_without_javascript_sets_the_parent(client, article):
    parent = ReaderComment.objects.create(
        article=article,
        author_name="A",
        author_email="a@x.id",
        body="Induk",
        status=Status.APPROVED,
    )
    html = section_html(client, article, balas=parent.pk)
    assert f'name="parent" value="{parent.pk}"' in html
    client.post(POST_URL, form_data(article, parent=parent.pk, body="Anak"))
    assert ReaderComment.objects.get(body="Anak").parent == parent


def test_redirect_points_to_the_page_holding_the_comment(client, article, rules):
    rules.per_page = 1
    rules.hold_first_comment = False
    rules.save()
    ReaderComment.objects.create(
        article=article, author_name="A", author_email="a@x.id", body="Lama", status=Status.APPROVED
    )
    response = client.post(POST_URL, form_data(article))
    comment = ReaderComment.objects.get(author_email="budi@example.id")
    assert response["Location"] == f"/komentar/{article.pk}/?komentar-hal=2#comment-{comment.pk}"


def test_a_prompt_confirm_after_a_tokenless_post_is_not_too_quick(article, settings):
    """No JavaScript: the cached form has no CSRF token; one confirmation sends the comment."""
    settings.COMMENTS_MIN_FILL_SECONDS = 30
    browser = Client(enforce_csrf_checks=True)
    data = form_data(article, body="Tanpa JavaScript", started=started_token(article.pk, 60))
    confirm = browser.post(POST_URL, data)
    html = confirm.content.decode()
    assert confirm.status_code == 403 and "Tanpa JavaScript" in html
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    started = html.split('name="started" value="')[1].split('"')[0]
    # The confirm page carries the reader's own start time, so confirming at once passes.
    sent = browser.post(
        POST_URL,
        form_data(article, body="Tanpa JavaScript", started=started, csrfmiddlewaretoken=token),
    )
    assert sent.status_code == 303
    assert ReaderComment.objects.get().body == "Tanpa JavaScript"


def test_a_forged_start_time_is_not_carried_onto_the_confirm_page(article):
    browser = Client(enforce_csrf_checks=True)
    html = browser.post(POST_URL, form_data(article, started="rusak")).content.decode()
    assert 'name="started" value="rusak"' not in html


def field_value(html: str, name: str) -> str:
    return html.split(f'name="{name}" value="')[1].split('"')[0]


def test_a_form_sent_twice_is_refused_the_second_time_and_keeps_the_text(client, article):
    data = form_data(article, body="Sekali saja")
    assert client.post(POST_URL, data).status_code == 303
    replay = client.post(POST_URL, {**data, "body": "Dikirim lagi"})
    html = replay.content.decode()
    assert replay.status_code == 409
    assert "Formulir ini sudah pernah dikirim." in html and "Dikirim lagi" in html
    # The reader's text comes back in a form with a token of its own, which can be sent.
    assert field_value(html, "started") != data["started"]
    assert list(ReaderComment.objects.values_list("body", flat=True)) == ["Sekali saja"]


def test_every_json_answer_hands_over_the_next_token(client, article, settings):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    fetch = {"X-Requested-With": "fetch"}
    data = form_data(article, body="Komentar pertama")
    first = client.post(POST_URL, data, headers=fetch).json()
    assert first["ok"] and first["started"] != data["started"]

    replay = client.post(POST_URL, {**data, "body": "Dengan formulir lama"}, headers=fetch)
    assert replay.status_code == 409 and replay.json()["started"] not in (data["started"], "")
    assert replay.json()["message"].startswith("Formulir ini sudah pernah dikirim.")

    # comments.js puts the token it was handed into the form: the next comment goes through.
    data.update(body="Komentar kedua", started=first["started"])
    assert client.post(POST_URL, data, headers=fetch).status_code == 201
    assert ReaderComment.objects.count() == 2


def test_the_confirm_page_gives_the_reader_a_token_of_their_own(article):
    """The cached page's token is everyone's; each no-JS reader confirms with their own."""
    data = form_data(article)
    pages = [Client(enforce_csrf_checks=True).post(POST_URL, data) for _ in range(2)]
    tokens = {field_value(page.content.decode(), "started") for page in pages}
    assert len(tokens) == 2 and data["started"] not in tokens
