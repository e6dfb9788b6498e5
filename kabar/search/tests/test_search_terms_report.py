from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query


def test_editors_see_what_readers_search_for(client, editor):
    Query.get("banjir jakarta").add_hit()
    client.force_login(editor)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    report = client.get(reverse("kabar_search_terms"))

    assert reverse("kabar_search_terms") in dashboard
    assert report.status_code == 200
    assert "banjir jakarta" in report.content.decode()


def test_writers_cannot_read_the_search_terms_report(client, writer):
    client.force_login(writer)

    assert client.get(reverse("kabar_search_terms")).status_code in (302, 403)


def test_editors_may_pin_promoted_results(editor):
    assert editor.has_perm("wagtailsearchpromotions.add_searchpromotion")
    assert editor.has_perm("wagtailsearchpromotions.change_searchpromotion")
