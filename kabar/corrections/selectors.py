"""Reads: the notes on a story, the public log of notes and withdrawals."""

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation

from kabar.news.models import ArticlePage

from .models import Correction

# The log's filter: each kind of note, and the withdrawals (which are not notes).
WITHDRAWN = "pencabutan"


def log_kinds() -> list[tuple[str, str]]:
    """(value, label) of every filter on the public log."""
    from django.utils.translation import gettext

    return [*Correction.Kind.choices, (WITHDRAWN, gettext("Withdrawal"))]


def corrections_for_article(article: ArticlePage) -> list[Correction]:
    """The story's notes, oldest first, as they happened; read once per article object (the
    page, its JSON-LD and its "Updated" time all ask)."""
    if not article.pk:
        return []
    if not hasattr(article, "_kabar_corrections"):
        notes = Correction.objects.filter(article_id=article.pk).order_by("created_at", "pk")
        article._kabar_corrections = list(notes.select_related(None))
    return article._kabar_corrections


def article_last_noted(article: ArticlePage):
    """When the newest note on the story was made, or None."""
    return max((note.created_at for note in corrections_for_article(article)), default=None)


def correction_log(*, kind: str = "") -> QuerySet:
    """Notes on stories readers can open, newest first, with their story read up front."""
    notes = Correction.objects.on_visible_articles().select_related("article").newest_first()
    if kind:
        notes = notes.filter(kind=kind)
    return notes


def withdrawal_log() -> QuerySet:
    """Withdrawn stories, the most recent withdrawal first; one still under embargo stays
    unknown to readers until its time, withdrawn or not."""
    return ArticlePage.objects.live().public().not_embargoed().withdrawn().defer_streamfields()


def log_paths() -> set[str]:
    """The unprefixed addresses of the public log and its feeds."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            reverse("corrections:log"),
            reverse("corrections:rss"),
            reverse("corrections:atom"),
        }


def log_entry_moment(entry) -> timezone.datetime:
    return entry.withdrawn_at if isinstance(entry, ArticlePage) else entry.created_at


def log_entries(*, kind: str = "") -> QuerySet:
    """(moment, "note" or "withdrawal", id) rows of the public log, newest first.

    The notes and the withdrawals are two tables; one ordered union keeps the merged log
    paginated in the database however long it grows.
    """
    from django.db.models import CharField, F, Value

    notes = (
        correction_log(kind=kind if kind != WITHDRAWN else "")
        .order_by()
        .annotate(moment=F("created_at"), entry=Value("note", output_field=CharField()))
        .values_list("moment", "entry", "pk")
    )
    withdrawals = (
        withdrawal_log()
        .order_by()
        .annotate(moment=F("withdrawn_at"), entry=Value("withdrawal", output_field=CharField()))
        .values_list("moment", "entry", "pk")
    )
    if kind == WITHDRAWN:
        return withdrawals.order_by("-moment", "-pk")
    if kind:
        return notes.order_by("-moment", "-pk")
    return notes.union(withdrawals, all=True).order_by("-moment", "-pk")


def log_entries_load(rows) -> list:
    """The notes and withdrawn stories behind `log_entries` rows, in the rows' order."""
    note_ids = [pk for _m, entry, pk in rows if entry == "note"]
    article_ids = [pk for _m, entry, pk in rows if entry == "withdrawal"]
    notes = Correction.objects.select_related("article").in_bulk(note_ids)
    articles = ArticlePage.objects.defer_streamfields().in_bulk(article_ids)
    found = []
    for _moment, entry, pk in rows:
        item = notes.get(pk) if entry == "note" else articles.get(pk)
        if item is not None:
            found.append(item)
    return found
