"""What a reader's query searches for: its words and their stems, as the index has them.

The words, stopwords and stems themselves come from `kabar.core.text`, which the index uses
too, so a query and an article meet on the same terms.
"""

from dataclasses import dataclass

from kabar.core.text import protected_words, text_words, word_is_stopword, word_term

MAX_QUERY_WORDS = 12


@dataclass(frozen=True)
class QueryTerms:
    """What a reader's query searches for."""

    words: tuple[str, ...]  # as typed, lower-cased, without repeats
    stems: tuple[str, ...]  # their index terms (see word_term), without repeats
    ignored: tuple[str, ...] = ()  # stopwords left out of the search
    shortened: bool = False  # more words than MAX_QUERY_WORDS were typed

    def __bool__(self):
        return bool(self.words)

    def matches(self, word: str) -> bool:
        """Whether a word of an article answers the query, as typed or by its root."""
        word = word.lower()
        return word in self.words or word_term(word) in self.stems

    def typed_terms(self) -> tuple[str, ...]:
        """The words as typed, for the raw fields; protected words as the stems field has
        them, since the raw fields may hold them stemmed out of shape (see word_term)."""
        return tuple(word_term(w) if w in protected_words() else w for w in self.words)


def query_terms(query: str) -> QueryTerms:
    """The words and stems a query searches for. A query of nothing but stopwords ("yang
    di") is searched as typed rather than emptied."""
    typed = list(dict.fromkeys(text_words(query)))
    shortened = len(typed) > MAX_QUERY_WORDS
    typed = typed[:MAX_QUERY_WORDS]
    words = [w for w in typed if not word_is_stopword(w)] or typed
    ignored = tuple(w for w in typed if w not in words)
    stems = tuple(dict.fromkeys(word_term(w) for w in words))
    return QueryTerms(words=tuple(words), stems=stems, ignored=ignored, shortened=shortened)
