"""The front page's section blocks as the editors arrange them: which sections, in which order,
how many stories, which pinned first; previewed as a draft, purged when published."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks import StreamBlockValidationError
from wagtail.models import PageViewRestriction

from kabar.news.blocks import FrontSectionsBlock
from kabar.news.models import ArticlePage, HomePage
from kabar.news.selectors import front_blocks, home_page_context

from .factories import ArticlePageFactory, SectionPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("midday")]


def story(parent, title, *, hours_ago, **fields):
    return ArticlePageFactory(
        parent=parent,
        title=title,
        first_published_at=timezone.now() - datetime.timedelta(hours=hours_ago),
        **fields,
    )


def arrange(home, *blocks, publish=True) -> HomePage:
    """Give the home page these (section, count, pinned) blocks, published or as a draft."""
    home.front_sections = [
        ("section", {"section": section, "count": count, "pinned": list(pinned)})
        for section, count, pinned in blocks
    ]
    revision = home.save_revision()
    if publish:
        revision.publish()
    return HomePage.objects.get(pk=home.pk)


def block_titles(home) -> list[tuple[str, list[str]]]:
    return [
        (section.title, [a.title for a in articles])
        for section, articles in home_page_context(home=home)["section_blocks"]
    ]


@pytest.fixture
def desks(home, section):
    """Two sections of three stories each, the newest first: Luar Negeri and Ekonomi."""
    economy = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    for n in range(3):
        story(section, f"Luar {n}", hours_ago=10 + n)
        story(economy, f"Ekonomi {n}", hours_ago=20 + n)
    return section, economy


def test_nothing_arranged_shows_every_section_in_tree_order_with_its_newest_four(home, desks):
    section, economy = desks
    story(section, "Luar 3", hours_ago=13)
    story(section, "Luar 4", hours_ago=14)
    assert block_titles(home) == [
        ("Luar Negeri", ["Luar 0", "Luar 1", "Luar 2", "Luar 3"]),
        ("Ekonomi", ["Ekonomi 0", "Ekonomi 1", "Ekonomi 2"]),
    ]


def test_arranged_blocks_keep_the_editors_sections_order_and_counts(home, desks):
    section, economy = desks
    SectionPageFactory(parent=home, title="Olahraga", slug="olahraga")
    home = arrange(home, (economy, 2, []), (section, 1, []))
    assert block_titles(home) == [
        ("Ekonomi", ["Ekonomi 0", "Ekonomi 1"]),
        ("Luar Negeri", ["Luar 0"]),
    ]


def test_the_page_shows_the_blocks_in_the_arranged_order(client, home, desks):
    section, economy = desks
    arrange(home, (economy, 2, []), (section, 2, []))
    html = client.get("/").content.decode()
    assert html.index(f'id="section-{economy.pk}"') < html.index(f'id="section-{section.pk}"')
    economy_block = html[html.index(f'id="section-{economy.pk}"') :]
    economy_block = economy_block[: economy_block.index("</section>")]
    assert "Ekonomi 1" in economy_block and "Ekonomi 2" not in economy_block


def test_pinned_stories_come_first_and_the_newest_fill_the_rest(home, desks):
    section, economy = desks
    old = story(section, "Luar lama", hours_ago=100)
    elsewhere = story(economy, "Ekonomi tersemat", hours_ago=200)
    home = arrange(home, (section, 3, [old, elsewhere]))
    assert block_titles(home) == [("Luar Negeri", ["Luar lama", "Ekonomi tersemat", "Luar 0"])]


def test_a_subsection_can_have_its_own_block(home, section):
    asia = SectionPageFactory(parent=section, title="Asia", slug="asia")
    story(section, "Dunia", hours_ago=1)
    story(asia, "Tokyo", hours_ago=2)
    home = arrange(home, (asia, 4, []), (section, 4, []))
    assert block_titles(home) == [("Asia", ["Tokyo"]), ("Luar Negeri", ["Dunia", "Tokyo"])]


def test_stories_readers_may_not_see_never_show_on_the_front_page(client, home, section):
    embargoed = story(
        section,
        "Rahasia embargo",
        hours_ago=1,
        embargo_until=timezone.now() + datetime.timedelta(hours=3),
    )
    draft = story(section, "Masih draf", hours_ago=1, live=False)
    withdrawn = story(section, "Sudah dicabut", hours_ago=1, withdrawn_at=timezone.now())
    private = SectionPageFactory(parent=home, title="Internal", slug="internal")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    hidden = story(private, "Catatan internal", hours_ago=1)
    story(section, "Boleh dibaca", hours_ago=5)
    home.lead_story = embargoed
    home.save()
    economy = SectionPageFactory(parent=home, title="Ekonomi", slug="ekonomi")
    home = arrange(
        home, (section, 4, [embargoed, draft, withdrawn]), (economy, 2, [hidden]), (private, 2, [])
    )
    assert block_titles(home) == [("Luar Negeri", ["Boleh dibaca"]), ("Ekonomi", [])]
    html = client.get("/").content.decode()
    assert "Boleh dibaca" in html
    for title in ["Rahasia embargo", "Masih draf", "Sudah dicabut", "Catatan internal"]:
        assert title not in html


def test_sections_readers_may_not_see_get_no_block(home, desks):
    section, economy = desks
    economy.unpublish()
    home = arrange(home, (economy, 2, []), (section, 1, []))
    assert [block.section for block in front_blocks(home)] == [section]


def home_queries(client) -> int:
    assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_blocks_or_pins(client, home, desks):
    section, economy = desks
    arrange(home, (section, 2, []))
    one_block = home_queries(client)
    sports = SectionPageFactory(parent=home, title="Olahraga", slug="olahraga")
    asia = SectionPageFactory(parent=section, title="Asia", slug="asia")
    pins = [story(sports, f"Olahraga {n}", hours_ago=30 + n) for n in range(3)]
    story(asia, "Tokyo", hours_ago=2)
    arrange(
        HomePage.objects.get(pk=home.pk),
        (section, 6, pins[:1]),
        (economy, 3, pins[1:]),
        (sports, 2, []),
        (asia, 4, []),
    )
    assert home_queries(client) == one_block


def stream(*blocks):
    return FrontSectionsBlock().to_python(
        [
            {
                "type": "section",
                "value": {"section": s.pk, "count": n, "pinned": [p.pk for p in ps]},
            }
            for s, n, ps in blocks
        ]
    )


def test_a_section_may_have_only_one_block(home, section):
    with pytest.raises(StreamBlockValidationError) as error:
        FrontSectionsBlock().clean(stream((section, 2, []), (section, 3, [])))
    assert 1 in error.value.block_errors and 0 not in error.value.block_errors
    message = error.value.block_errors[1].block_errors["section"].messages[0]
    assert message == "Rubrik ini sudah punya blok di halaman depan."


def test_a_block_pins_no_more_stories_than_it_shows(home, section):
    pins = [story(section, f"Pin {n}", hours_ago=n + 1) for n in range(2)]
    with pytest.raises(StreamBlockValidationError) as error:
        FrontSectionsBlock().clean(stream((section, 1, pins)))
    message = error.value.block_errors[0].block_errors["pinned"].messages[0]
    assert message == "Sematkan tidak lebih banyak berita daripada yang ditampilkan blok (1)."


@pytest.mark.parametrize("count", [0, 13])
def test_a_block_shows_between_one_and_twelve_stories(home, section, count):
    with pytest.raises(StreamBlockValidationError):
        FrontSectionsBlock().clean(stream((section, count, [])))


def test_the_edit_screen_offers_the_section_blocks_in_indonesian(admin_client, home):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(home.pk,))).content.decode()
    assert "Blok rubrik" in html and "Berita tersemat" in html
    assert "Section block" not in html and "Pinned stories" not in html


def test_a_draft_arrangement_shows_in_the_preview_only(client, home, desks):
    section, economy = desks
    arrange(home, (section, 2, []))
    draft = arrange(HomePage.objects.get(pk=home.pk), (economy, 2, []), publish=False)
    preview = draft.get_latest_revision_as_object().make_preview_request().render()
    html = preview.content.decode()
    assert f'id="section-{economy.pk}"' in html and f'id="section-{section.pk}"' not in html
    public = client.get("/").content.decode()
    assert f'id="section-{section.pk}"' in public and f'id="section-{economy.pk}"' not in public


@pytest.mark.usefixtures("page_cache_on")
def test_publishing_an_arrangement_purges_the_home_page(
    client, home, desks, django_capture_on_commit_callbacks
):
    section, economy = desks
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        arrange(home, (economy, 1, []))
    response = client.get("/")
    assert response["X-Cache"] != "HIT"
    assert f'id="section-{section.pk}"' not in response.content.decode()


@pytest.mark.usefixtures("page_cache_on")
def test_a_pinned_story_changing_purges_the_home_page(
    client, home, desks, django_capture_on_commit_callbacks
):
    section, economy = desks
    pinned = story(economy, "Harga beras naik", hours_ago=300)
    arrange(home, (section, 2, [pinned]))
    client.get("/")
    assert client.get("/")["X-Cache"] == "HIT"
    pinned = ArticlePage.objects.get(pk=pinned.pk)
    pinned.title = "Harga beras turun"
    with django_capture_on_commit_callbacks(execute=True):
        pinned.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Harga beras turun" in html and "Harga beras naik" not in html
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=pinned.pk).unpublish()
    assert "Harga beras turun" not in client.get("/").content.decode()
