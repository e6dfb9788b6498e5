"""factory_boy factories for the comments models, shared by the tests of comments and above."""

import factory

from kabar.comments.models import ReaderComment


class ReaderCommentFactory(factory.django.DjangoModelFactory):
    """An approved comment by a reader; pass `article=` (and `parent=` for a reply)."""

    author_name = "Budi"
    author_email = "budi@example.id"
    author_ip = "203.0.113.5"
    body = factory.Sequence(lambda n: f"Komentar pembaca nomor {n}.")
    status = ReaderComment.Status.APPROVED

    class Meta:
        model = ReaderComment
