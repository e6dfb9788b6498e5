"""The complaint form's checks: contact, attachment, bot traps and the article address."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from kabar.complaints.forms import ComplaintForm

from .conftest import PDF, complaint_data, pdf_upload, started_token


def form_for(article=None, files=None, **overrides):
    request = RequestFactory().post("/pengaduan/")
    return ComplaintForm(complaint_data(**overrides), files or {}, request=request, article=article)


def test_a_complete_submission_is_valid(article):
    form = form_for(article, files={"attachment": pdf_upload()})
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("email", ["bukan-email", "a@b", "humas@@jalan.id"])
def test_a_bad_email_is_refused(article, email):
    form = form_for(article, email=email)
    assert not form.is_valid() and "email" in form.errors


@pytest.mark.parametrize("phone", ["12345", "0812-ABCD-7890", "+62 8", "08123456789012345"])
def test_a_bad_phone_is_refused(article, phone):
    form = form_for(article, email="", phone=phone)
    assert not form.is_valid()
    assert form.errors["phone"][0].startswith("Tulis nomor telepon")


def test_a_phone_as_people_write_it_is_accepted_and_normalised(article):
    form = form_for(article, email="", phone="+62 (812) 3456-7890")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+6281234567890"


def test_neither_email_nor_phone_is_refused(article):
    form = form_for(article, email="", phone="")
    assert not form.is_valid()
    assert "Isi alamat email atau nomor telepon." in form.errors["email"]


def test_an_oversize_attachment_is_refused(article, settings):
    settings.COMPLAINTS_ATTACHMENT_MAX_BYTES = 1000
    upload = SimpleUploadedFile("besar.pdf", PDF + b"0" * 1000, content_type="application/pdf")
    form = form_for(article, files={"attachment": upload})
    assert not form.is_valid()
    assert form.errors["attachment"][0].startswith("Lampiran terlalu besar")


def test_an_attachment_of_another_type_is_refused(article):
    upload = SimpleUploadedFile("skrip.exe", b"MZ\x90\x00", content_type="application/pdf")
    form = form_for(article, files={"attachment": upload})
    assert form.errors["attachment"] == ["Lampirkan berkas PDF, JPG atau PNG."]


def test_an_attachment_that_is_not_what_its_name_says_is_refused(article):
    upload = SimpleUploadedFile(
        "surat.pdf", b"<html>bukan pdf</html>", content_type="application/pdf"
    )
    form = form_for(article, files={"attachment": upload})
    assert not form.is_valid()
    assert "bukan berkas PDF" in form.errors["attachment"][0]


def test_the_spam_trap_filled_is_refused(article):
    form = form_for(article, alamat_kantor="Jl. Spam 1")
    assert not form.is_valid() and "alamat_kantor" in form.errors


def test_a_form_sent_too_quickly_is_refused(article):
    form = form_for(article, started=started_token(seconds_ago=0))
    assert not form.is_valid()
    assert form.errors["started"][0].startswith("Terlalu cepat")


def test_a_forged_start_time_is_refused(article):
    form = form_for(article, started="palsu")
    assert not form.is_valid() and "kedaluwarsa" in form.errors["started"][0]


def test_the_stand_alone_form_finds_the_article_from_its_address(article):
    form = form_for(None, article_url=f"http://127.0.0.1:8000{article.url}?utm=x#judul")
    assert form.is_valid(), form.errors
    assert form.article == article


def test_the_stand_alone_form_refuses_an_address_that_is_no_article(article, section):
    for url in ("https://contoh.id/lain/", section.url, "/tidak-ada/", "bukan alamat"):
        form = form_for(None, article_url=url)
        assert not form.is_valid()
        assert form.errors["article_url"] == ["Tidak ada berita terbit di alamat ini."]
