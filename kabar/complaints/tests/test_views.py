"""The public form: under every article, on its own page, and what a submission leaves behind."""

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse

from kabar.complaints.models import Complaint

from .conftest import complaint_data, pdf_upload


def test_every_article_links_to_the_form_without_javascript(client, article):
    html = client.get(article.url).content.decode()
    form_url = reverse("complaints:article_form", args=[article.pk])
    assert "Ajukan hak jawab / koreksi / pengaduan" in html
    assert f'href="{form_url}?jenis=hak_jawab"' in html


def test_the_form_page_is_never_cached_and_carries_a_csrf_token(client, article):
    response = client.get(
        reverse("complaints:article_form", args=[article.pk]), {"jenis": "hak_jawab"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "private" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in html and article.title in html
    assert re.search(r'<input type="radio" name="kind" value="hak_jawab"[^>]* checked>', html)


def test_a_submission_is_stored_confirmed_by_email_and_told_to_the_editors(
    article, editor, mailoutbox, django_capture_on_commit_callbacks, settings
):
    browser = Client(enforce_csrf_checks=True)
    url = reverse("complaints:article_form", args=[article.pk])
    html = browser.get(url).content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    data = complaint_data(csrfmiddlewaretoken=token, attachment=pdf_upload())
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(url, data)
    assert response.status_code == 303 and response["Location"] == reverse("complaints:sent")

    complaint = Complaint.objects.get()
    assert complaint.article == article and complaint.status == Complaint.Status.NEW
    assert complaint.kind == "hak_jawab" and complaint.name == "PT Jalan Lancar"
    # The attachment is kept in the private folder, never under the public media root.
    stored = Path(complaint.attachment.path)
    assert stored.is_file() and Path(settings.COMPLAINTS_ATTACHMENT_ROOT) in stored.parents
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*"))

    to_complainant = next(m for m in mailoutbox if m.to == ["humas@jalanlancar.co.id"])
    assert "Proyek jalan tol molor" in to_complainant.subject
    assert "2×24" not in to_complainant.subject and "paling lambat" in to_complainant.body
    to_editors = next(m for m in mailoutbox if editor.email in m.to)
    assert "/admin/pengaduan/edit/" in to_editors.body


def test_the_stand_alone_page_takes_the_article_address(client, article):
    data = complaint_data(kind="koreksi", article_url=f"http://testserver{article.url}")
    response = client.post(reverse("complaints:form"), data)
    assert response.status_code == 303
    assert Complaint.objects.get().article == article


def test_bad_input_keeps_the_text_and_says_what_is_wrong(client, article):
    url = reverse("complaints:article_form", args=[article.pk])
    response = client.post(url, complaint_data(email="salah", response="Tanggapan saya"))
    html = response.content.decode()
    assert response.status_code == 400 and "Tanggapan saya" in html
    assert "Perbaiki kesalahan di bawah ini" in html and not Complaint.objects.exists()


def test_a_flood_from_one_address_is_stopped(client, article, settings):
    settings.COMPLAINTS_RATE_LIMIT = (2, 3600)
    url = reverse("complaints:article_form", args=[article.pk])
    codes = [
        client.post(url, complaint_data(email=f"orang{n}@contoh.id")).status_code for n in range(3)
    ]
    assert codes == [303, 303, 429] and Complaint.objects.count() == 2


def test_a_form_sent_twice_is_stored_once_and_handed_back_with_its_text(client, article):
    url = reverse("complaints:article_form", args=[article.pk])
    data = complaint_data()
    assert client.post(url, data).status_code == 303
    replay = client.post(url, {**data, "response": "Tanggapan yang dikirim ulang"})
    html = replay.content.decode()
    assert replay.status_code == 409 and Complaint.objects.count() == 1
    assert "Formulir ini sudah pernah dikirim." in html and "Tanggapan yang dikirim ulang" in html
    assert html.split('name="started" value="')[1].split('"')[0] != data["started"]


def test_the_contact_limit_counts_the_address_behind_the_proxy(client, article, settings):
    settings.COMPLAINTS_RATE_LIMIT = (1, 3600)
    settings.COMMENTS_TRUSTED_PROXIES = 1
    url = reverse("complaints:article_form", args=[article.pk])
    codes = [
        client.post(
            url,
            complaint_data(email=f"orang{n}@contoh.id"),
            headers={"X-Forwarded-For": f"198.51.100.{n}"},
        ).status_code
        for n in range(2)
    ]
    # Both came through the one proxy, from two readers: neither is the other's flood.
    assert codes == [303, 303]


def test_an_unpublished_article_has_no_form(client, article):
    article.unpublish()
    url = reverse("complaints:article_form", args=[article.pk])
    assert client.get(url).status_code == 404


def test_the_form_is_in_english_under_en(client, article):
    html = client.get(f"/en{reverse('complaints:form')}").content.decode()
    assert "Submit a right of reply, correction or complaint" in html
