"""factory_boy factories for the news models, shared by every app's tests.

Apps below news (core, pagecache) must not import this module; they get the same factories
from the root conftest.py's fixtures (`article`, `article_factory`, `author_factory`, ...).
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from kabar.news.models import ArticleAuthor, ArticlePage, Author, HomePage, SectionPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Kabar Harapan"
    slug = "beranda"

    class Meta:
        model = HomePage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Rubrik {n}")
    slug = factory.LazyAttribute(lambda o: o.title.lower().replace(" ", "-"))

    class Meta:
        model = SectionPage


class AuthorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Penulis {n}")

    class Meta:
        model = Author


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Berita nomor {n}")
    slug = factory.Sequence(lambda n: f"berita-nomor-{n}")
    summary = "Ringkasan berita."
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>Isi berita yang cukup panjang untuk dibaca.</p>")]
    )
    first_published_at = factory.Sequence(
        lambda n: timezone.now() - datetime.timedelta(hours=n + 1)
    )
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        model = ArticlePage
        # The hooks below save what they change themselves.
        skip_postgeneration_save = True

    @factory.post_generation
    def authors(obj, create, extracted, **kwargs):
        """`authors=[author, ...]` credits them as writers, in order; `(author, role)` in
        another part ("editor", "fotografer")."""
        if create and extracted:
            for position, credit in enumerate(extracted):
                author, role = credit if isinstance(credit, tuple) else (credit, "penulis")
                ArticleAuthor.objects.create(
                    article=obj, author=author, role=role, sort_order=position
                )

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        """`tags=["Banjir", ...]` tags the article and saves it, as the editor's form does."""
        if create and extracted:
            obj.tags.add(*extracted)
            obj.save()
