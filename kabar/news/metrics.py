"""How long a story is: its words and its reading time, counted the same way on the server (the
saved revision, the reader's "3 menit baca") and by the editor's live counter (writing.js)."""

import math
import re

# A reader of Indonesian news reads about 200 words a minute.
WORDS_PER_MINUTE = 200
# A word is a run of letters or digits; "30-an" counts twice, as writing.js does.
WORD = re.compile(r"\w+")


def text_word_count(text: str) -> int:
    """The number of words in plain text."""
    return len(WORD.findall(text or ""))


def reading_minutes(words: int) -> int:
    """Whole minutes to read that many words; never less than one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def article_word_count(page) -> int:
    """The words a reader reads in the story: its summary and its body's text."""
    return text_word_count(f"{page.summary}\n\n{page.body_text()}")
