"""On a phone-sized screen in a real Chromium: spacing, author photos, the search page's fold."""

import pytest

from kabar.news.demo import demo_newsroom_load
from kabar.news.models import Author

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser_page, live_server, db):
    assert demo_newsroom_load()
    browser_page.set_viewport_size(PHONE)
    return browser_page


def box(locator) -> dict:
    locator.wait_for()
    return locator.bounding_box()


def test_the_main_area_keeps_space_above_and_below(phone, live_server):
    phone.goto(f"{live_server.url}/")
    header, main, footer = (box(phone.locator(s)) for s in ("header.site-header", "main", "footer"))
    padding = phone.locator("main").evaluate(
        "m => [getComputedStyle(m).paddingTop, getComputedStyle(m).paddingBottom].map(parseFloat)"
    )
    assert padding[0] >= 16 and padding[1] >= 16
    first_heading = box(phone.locator("main h1, main h2").first)
    assert first_heading["y"] >= header["y"] + header["height"] + 16
    assert footer["y"] >= main["y"] + main["height"]


def test_author_photos_keep_their_square(phone, live_server):
    author = Author.objects.exclude(photo=None).first()
    for url, photo in (
        (author.get_absolute_url(), ".author-profile__photo img"),
        ("/penulis/", ".author-card img"),
        ("/redaksi/", ".masthead .author-card img"),
    ):
        phone.goto(f"{live_server.url}{url}")
        shape = box(phone.locator(photo).first)
        assert shape["width"] == pytest.approx(shape["height"], abs=1), url
        assert shape["width"] >= 90, url
        # The photo's box in the row never gives way to a long name or biography.
        item = phone.locator(photo).first.evaluate(
            "img => { let e = img; while (getComputedStyle(e.parentElement).display !== 'flex')"
            " e = e.parentElement; return getComputedStyle(e).flexShrink; }"
        )
        assert item == "0", url


def test_the_first_search_result_shows_above_the_fold(phone, live_server):
    phone.goto(f"{live_server.url}/cari/?q=indonesia")
    first = box(phone.locator(".search-result").first)
    assert first["y"] < PHONE["height"]
    # The filters fold away; a reader opens them with a tap, no script needed.
    section = phone.get_by_label("Rubrik")
    assert not section.is_visible()
    phone.locator(".search-page__more summary").click()
    assert section.is_visible()
