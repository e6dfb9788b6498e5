"""Many readers posting at once: every comment the site accepts is stored.

Each reader is a thread with its own test client, so each has its own database connection,
as gunicorn's workers do (a live_server would share one in-memory SQLite connection between
its threads, which no real deployment does).
"""

import re
import threading

import pytest
from django.db import connections
from django.test import Client, override_settings

from kabar.comments.models import ReaderComment
from kabar.news.tests.factories import ArticlePageFactory

from .conftest import form_data

CLIENTS = 20
POSTS_PER_CLIENT = 10


@pytest.mark.django_db(transaction=True)
@override_settings(COMMENTS_RATE_LIMIT_IP=(0, 1), COMMENTS_RATE_LIMIT_EMAIL=(0, 1))
def test_concurrent_posts_store_exactly_the_accepted_comments(section, rules):
    article = ArticlePageFactory(parent=section)
    accepted, refused = [], []
    start = threading.Barrier(CLIENTS)

    def reader(n):
        try:
            browser = Client(enforce_csrf_checks=True)
            html = browser.get(f"/komentar/artikel/{article.pk}/").content.decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
            start.wait()
            for i in range(POSTS_PER_CLIENT):
                data = form_data(
                    article,
                    body=f"Pembaca {n} komentar {i}",
                    email=f"p{n}@example.id",
                    csrfmiddlewaretoken=token,
                )
                response = browser.post(
                    "/komentar/kirim/", data, headers={"X-Requested-With": "fetch"}
                )
                (accepted if response.status_code == 201 else refused).append(response.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(accepted) + len(refused) == CLIENTS * POSTS_PER_CLIENT
    assert ReaderComment.objects.count() == len(accepted)
    # A post the database was too busy for is refused cleanly, its text kept for a retry.
    assert set(refused) <= {503}, refused
    assert accepted
