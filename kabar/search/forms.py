import datetime
import re
import unicodedata

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from kabar.core.converters import id_from_text
from kabar.news.models import SectionPage

# Longer queries are cut here; news queries run a few words, and a pasted article should
# still get an answer rather than an error.
MAX_QUERY_LENGTH = 200
# Outside this range a local date cannot be turned into a UTC moment on every database.
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)
CONTROL_CHARS_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def query_shorten(text: str) -> str:
    """The text cut to MAX_QUERY_LENGTH at a word boundary: a cut word would find nothing."""
    if len(text) <= MAX_QUERY_LENGTH:
        return text
    cut = text[: MAX_QUERY_LENGTH + 1]
    # A single word longer than the limit has no boundary to cut at.
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_QUERY_LENGTH]).strip()


class QueryField(forms.CharField):
    """A search box: control characters (NUL included) become spaces, over-long text is cut."""

    def to_python(self, value):
        value = CONTROL_CHARS_RE.sub(" ", str(value or ""))
        value = " ".join(unicodedata.normalize("NFKC", value).split())
        return query_shorten(value)


class SectionField(forms.ModelChoiceField):
    """A section by id; anything but a plausible id is an invalid choice, not a database error."""

    def to_python(self, value):
        if value not in self.empty_values and id_from_text(str(value)) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SearchForm(forms.Form):
    RELEVANCE, NEWEST = "relevance", "newest"
    SORT_CHOICES = [(RELEVANCE, _("Most relevant")), (NEWEST, _("Newest first"))]

    q = QueryField(label=_("Search for"), required=False, widget=forms.SearchInput)
    section = SectionField(
        label=_("Section"),
        queryset=SectionPage.objects.none(),
        required=False,
        empty_label=_("All sections"),
        error_messages={"invalid_choice": _("That section does not exist; choose another.")},
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        validators=[MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)],
        error_messages={"invalid": _("Enter the start date as YYYY-MM-DD, e.g. 2024-10-30.")},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        validators=[MinValueValidator(EARLIEST_DATE), MaxValueValidator(LATEST_DATE)],
        error_messages={"invalid": _("Enter the end date as YYYY-MM-DD, e.g. 2024-10-30.")},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Sort by relevance or by date.")},
    )

    def __init__(self, *args, sections=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sections is not None:
            self.fields["section"].queryset = sections
        # No maxlength: the browser would cut a pasted text mid-word; the server cuts it at a
        # word boundary and says so.
        self.fields["q"].widget.attrs.update({"autocomplete": "off"})

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            # add_error() drops the end date, so the search still runs from the start date.
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return cleaned

    def search_params(self) -> dict:
        """The valid choices of the form; an invalid field counts as not given."""
        data = self.cleaned_data if self.is_bound else {}
        return {
            "query": data.get("q", ""),
            "section": data.get("section"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "sort": data.get("sort") or self.RELEVANCE,
        }

    def filters_used(self) -> bool:
        """Whether the reader chose a filter (or got one wrong): the filters then show unfolded."""
        if not self.is_bound:
            return False
        return any(self.data.get(name) for name in self.fields if name != "q") or any(
            name != "q" for name in self.errors
        )

    def query_was_cut(self) -> bool:
        """Whether the typed query was longer than the search box takes."""
        raw = self.data.get("q", "") if self.is_bound else ""
        return len(" ".join(str(raw).split())) > MAX_QUERY_LENGTH
