"""The notes on a story as schema.org `correction` entries of its NewsArticle."""

from django.utils import timezone

from .selectors import corrections_for_article


def corrections_jsonld(article, data: dict) -> None:
    """Add every note on `article` to its NewsArticle `data` as a CorrectionComment."""
    notes = corrections_for_article(article)
    if not notes:
        return
    data["correction"] = [
        {
            "@type": "CorrectionComment",
            "name": note.get_kind_display(),
            "text": f"{note.party}: {note.text}" if note.party else note.text,
            "datePublished": timezone.localtime(note.created_at).isoformat(timespec="seconds"),
        }
        for note in notes
    ]
