"""Indonesian text analysis: words, stopwords and stems.

Shared by the search index (an article's `search_stems()`) and the search box
(`kabar.search.analysis.query_terms`). The same steps run over every article's text when it
is indexed and over every query, so affixed and root forms meet on any search backend:
"pembangunan", "membangun" and "dibangun" all become "bangun". Stemming is PySastrawi's
dictionary-based Nazief–Adriani stemmer (ECS variant): it strips an affix only when a known
root word remains, which keeps most names intact; the few it would still cut wrongly are
listed as protected words.
"""

import functools
import re
import unicodedata

from django.conf import settings
from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from .wordlists import PROTECTED_WORDS, STOPWORDS

# Letters and digits only: quotes, operators, markup and control characters never reach
# a backend's query parser.
WORD_RE = re.compile(r"[^\W_]+")
# Bounded, unlike Sastrawi's own cache, which would grow with every word readers type.
STEM_CACHE_SIZE = 200_000
PROTECTED_MARK = "0"


@functools.cache
def stopwords() -> frozenset[str]:
    """Stopwords, with the project's additions, minus any protected word."""
    extra = {w.lower() for w in getattr(settings, "KABAR_SEARCH_STOPWORDS", ())}
    return (STOPWORDS | extra) - protected_words()


@functools.cache
def protected_words() -> frozenset[str]:
    """Words kept exactly as written: never stemmed, never dropped as stopwords."""
    extra = {w.lower() for w in getattr(settings, "KABAR_SEARCH_PROTECTED_WORDS", ())}
    return PROTECTED_WORDS | extra


@functools.cache
def stemmer() -> Stemmer:
    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


def text_words(text: str) -> list[str]:
    """The text's words, lower-cased, in order."""
    return WORD_RE.findall(unicodedata.normalize("NFKC", text).lower())


@functools.lru_cache(maxsize=STEM_CACHE_SIZE)
def word_stem(word: str) -> str:
    """The root of a lower-case word; protected words, numbers and codes come back unchanged."""
    if word in protected_words() or not word.isalpha() or len(word) < 4:
        return word
    return stemmer().stem_word(word) or word


def word_is_stopword(word: str) -> bool:
    return word in stopwords()


def word_term(word: str) -> str:
    """The word as the stems field indexes it: its stem, or a protected word marked with a
    trailing digit. PostgreSQL's "indonesian" configuration stems every plain word again
    ("kediri" -> "diri"); a word with a digit in it is a "numword", which it leaves alone."""
    if word in protected_words():
        return word + PROTECTED_MARK
    return word_stem(word)


def text_stems(text: str) -> str:
    """The text as the index stores it for Indonesian matching: stems, without stopwords."""
    return " ".join(word_term(w) for w in text_words(text) if not word_is_stopword(w))


def text_single_line(text: str) -> str:
    """The text on one line: line breaks and control characters become single spaces.

    For whatever ends up in a one-line place, such as a reader's name in an email's subject,
    where a line break would make the mail library refuse the whole message.
    """
    visible = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(visible.split())
