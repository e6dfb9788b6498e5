"""Fixtures shared by every app's tests: a site whose root is the Kabar Harapan home page."""

import pytest
from wagtail.models import Page, Site

from kabar.news.tests.factories import HomePageFactory, SectionPageFactory


def site_tree_ensure() -> Page:
    """Wagtail's tree root; a transactional test's flush removes the one its migration made."""
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    return root


@pytest.fixture
def home(db):
    root = site_tree_ensure()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True,
        site_name="Kabar Harapan",
    )
    return home


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="Luar Negeri", slug="luar-negeri")
