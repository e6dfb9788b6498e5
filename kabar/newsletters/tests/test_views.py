"""The reader's pages: the footer form, validation in Indonesian, the same answer for every
address, the CSRF step for posts from cached pages, preferences and one-click unsubscribe."""

import pytest
from django.core import mail
from django.test import Client
from freezegun import freeze_time

from kabar.newsletters import services
from kabar.newsletters.forms import form_started_token
from kabar.newsletters.models import Subscriber
from kabar.newsletters.tokens import manage_token

pytestmark = pytest.mark.django_db

URL = "/buletin/"


@pytest.fixture(autouse=True)
def no_wait(settings):
    settings.COMMENTS_MIN_FILL_SECONDS = 0


@pytest.fixture
def csrf_client():
    """A browser that enforces CSRF, as readers' browsers are treated."""
    return Client(enforce_csrf_checks=True)


def form_data(**extra):
    data = {"email": "rina@contoh.id", "wants_digest": "on", "started": form_started_token()}
    return {**data, **extra}


def post_with_token(client, data):
    """Post as the subscribe page does: with the page's own CSRF token."""
    page = client.get(URL)
    token = page.context["csrf_token"]
    return client.post(URL, {**data, "csrfmiddlewaretoken": str(token)})


def test_every_page_offers_the_sign_up_form_in_its_footer(client, home):
    body = client.get("/").content.decode()
    assert 'action="/buletin/"' in body and 'name="wants_alerts"' in body
    assert "csrfmiddlewaretoken" not in body  # pages are shared from the cache


def test_the_footer_form_reads_the_same_every_second(client, home):
    """The pages it is on are cached and revalidated: a per-render token would change their
    ETag every second, and no browser's If-None-Match would ever match."""
    with freeze_time("2026-03-02 08:00:00") as clock:
        first = client.get("/").content
        clock.tick(61)
        assert client.get("/").content == first
    assert b'name="started"' not in first


def test_a_post_from_a_cached_page_asks_for_one_more_click_and_keeps_the_choices(
    csrf_client, home, settings
):
    # The footer has no start token; the time spent filling it in counts, so a prompt second
    # click on the full form is not refused as too quick.
    settings.COMMENTS_MIN_FILL_SECONDS = 3
    footer_post = {"email": "rina@contoh.id", "wants_digest": "on", "wants_alerts": "on"}
    response = csrf_client.post(URL, footer_post)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Satu langkah lagi" in body
    assert 'value="rina@contoh.id"' in body and "csrfmiddlewaretoken" in body
    assert not Subscriber.objects.exists() and not mail.outbox
    assert response["Cache-Control"].startswith("max-age=0")

    again = csrf_client.post(
        URL,
        {
            **response.context["form"].data.dict(),
            "csrfmiddlewaretoken": response.context["csrf_token"],
        },
    )
    assert again.status_code == 302 and again["Location"] == "/buletin/terkirim/"
    subscriber = Subscriber.objects.get()
    assert subscriber.wants_digest and subscriber.wants_alerts
    assert subscriber.status == Subscriber.Status.PENDING
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": ""}, "Tulis alamat email Anda."),
        ({"email": "bukan-email"}, "Alamat email ini tidak valid."),
        ({"wants_digest": ""}, "Pilih sedikitnya satu: ringkasan harian atau peringatan"),
        ({"started": "palsu"}, "Formulir ini sudah kedaluwarsa."),
        ({"sections": "999999"}, "Rubrik yang dipilih tidak tersedia."),
    ],
)
def test_bad_input_is_refused_with_an_indonesian_message(csrf_client, section, data, message):
    response = post_with_token(csrf_client, form_data(**data))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body and "Perbaiki isian yang ditandai" in body
    assert not Subscriber.objects.exists() and not mail.outbox


def test_a_filled_honeypot_subscribes_nobody(csrf_client, home):
    response = post_with_token(csrf_client, form_data(alamat_kantor="Jl. Sudirman"))
    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_the_answer_is_the_same_for_a_new_and_a_subscribed_address(csrf_client, home):
    first = post_with_token(csrf_client, form_data())
    services.subscriber_confirm(
        token=mail.outbox[0].body.split("/buletin/konfirmasi/")[1].split("/")[0]
    )
    second = post_with_token(csrf_client, form_data(wants_alerts="on"))
    assert (first.status_code, first["Location"]) == (second.status_code, second["Location"])
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED and not subscriber.wants_alerts


def test_an_address_gets_at_most_three_emails_a_day(csrf_client, home):
    for _ in range(5):
        response = post_with_token(csrf_client, form_data())
        assert response.status_code == 302
    assert len(mail.outbox) == 3


def test_one_address_cannot_flood_the_form(csrf_client, home, settings):
    settings.NEWSLETTERS_RATE_LIMIT_IP = (2, 600)
    for i in range(2):
        post_with_token(csrf_client, form_data(email=f"a{i}@contoh.id"))
    response = post_with_token(csrf_client, form_data(email="c@contoh.id"))
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert Subscriber.objects.count() == 2


def test_the_confirmation_link_shows_the_subscription_active(client, home):
    services.subscriber_request(email="rina@contoh.id", wants_digest=True, wants_alerts=False)
    link = mail.outbox[0].body.split("http://testserver")[1].split()[0]
    response = client.get(link)
    assert response.status_code == 200
    assert "Langganan Anda aktif" in response.content.decode()
    assert client.get("/buletin/konfirmasi/palsu/").status_code == 404


@pytest.fixture
def subscriber(home):
    subscriber = services.subscriber_request(
        email="rina@contoh.id", wants_digest=True, wants_alerts=False
    )
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.save()
    return subscriber


def test_preferences_change_from_the_emailed_link(csrf_client, subscriber, section):
    url = f"/buletin/pilihan/{manage_token(subscriber.email)}/"
    page = csrf_client.get(url)
    assert page.status_code == 200 and "Luar Negeri" in page.content.decode()
    response = csrf_client.post(
        url,
        {
            "wants_alerts": "on",
            "sections": [section.pk],
            "csrfmiddlewaretoken": page.context["csrf_token"],
        },
    )
    assert "Pilihan Anda telah disimpan." in response.content.decode()
    subscriber.refresh_from_db()
    assert (subscriber.wants_digest, subscriber.wants_alerts) == (False, True)
    assert list(subscriber.sections.all()) == [section]


def test_preferences_refuse_an_empty_choice(csrf_client, subscriber):
    url = f"/buletin/pilihan/{manage_token(subscriber.email)}/"
    page = csrf_client.get(url)
    response = csrf_client.post(url, {"csrfmiddlewaretoken": page.context["csrf_token"]})
    assert response.status_code == 400
    assert "Pilih sedikitnya satu" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.wants_digest


def test_a_forged_link_is_a_404(client, subscriber):
    assert client.get("/buletin/pilihan/palsu/").status_code == 404
    assert client.post("/buletin/berhenti/palsu/").status_code == 404


def test_one_click_unsubscribe_needs_no_page_and_no_csrf(csrf_client, subscriber):
    url = f"/buletin/berhenti/{manage_token(subscriber.email)}/"
    response = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_unsubscribe_link_opened_in_a_browser_asks_first(client, subscriber):
    url = f"/buletin/berhenti/{manage_token(subscriber.email)}/"
    page = client.get(url).content.decode()
    assert "Ya, berhenti berlangganan" in page
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    done = client.post(url).content.decode()
    assert "tidak akan menerima buletin lagi" in done


def test_other_views_still_check_csrf(csrf_client, subscriber):
    url = f"/buletin/pilihan/{manage_token(subscriber.email)}/"
    assert csrf_client.post(url, {"wants_alerts": "on"}).status_code == 403
