"""The demo newsroom is found by search the moment it is loaded, not once the worker ran."""

from django.urls import reverse

from kabar.news.demo import demo_newsroom_load
from kabar.news.models import ArticlePage


def test_search_finds_the_demo_stories_without_the_task_queue(client, settings, db):
    # A queue nobody works: only what the demo indexes itself is found.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    assert demo_newsroom_load()
    story = ArticlePage.objects.live().order_by("pk").first()
    response = client.get(reverse("search:search"), {"q": story.title})
    assert story.title in [a.title for a in response.context["outcome"].page.object_list]
