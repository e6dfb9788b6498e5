"""Search snippets: the passage around the first match, with matching words in <mark>."""

import html

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from kabar.core.text import WORD_RE

from .analysis import QueryTerms

SNIPPET_WORDS = 36
# Words of context shown before the first match.
LEAD_IN_WORDS = 8


def text_highlight(text: str, terms: QueryTerms, *, max_words: int | None = None) -> SafeString:
    """The text, HTML-escaped, with words that answer the query wrapped in <mark>; cut to
    `max_words` around the first match when given."""
    words = list(WORD_RE.finditer(text))
    start, end = 0, len(words)
    if max_words and len(words) > max_words:
        first = next((i for i, m in enumerate(words) if terms.matches(m.group())), 0)
        start = max(0, min(first - LEAD_IN_WORDS, len(words) - max_words))
        end = start + max_words
    if not words:
        return escape(text)
    begin = words[start].start() if start else 0
    stop = words[end - 1].end() if end < len(words) else len(text)
    parts, pos = ["… " if start else ""], begin
    for match in words[start:end]:
        parts.append(escape(text[pos : match.start()]))
        word = match.group()
        parts.append(format_html("<mark>{}</mark>", word) if terms.matches(word) else escape(word))
        pos = match.end()
    parts.append(escape(text[pos:stop]))
    parts.append(" …" if end < len(words) else "")
    return mark_safe("".join(parts))


def article_snippet(article, terms: QueryTerms) -> SafeString:
    """The summary or body passage that best shows why the article matched."""
    # body_text() strips tags but leaves entities such as &amp; as they were stored.
    candidates = [article.summary, html.unescape(article.body_text())]
    for text in candidates:
        if any(terms.matches(m.group()) for m in WORD_RE.finditer(text)):
            return text_highlight(text, terms, max_words=SNIPPET_WORDS)
    fallback = next((text for text in candidates if text.strip()), "")
    return text_highlight(fallback, terms, max_words=SNIPPET_WORDS)
