"""Template tags for reader comments: the article's comments section, counts and comment text."""

from django import template

from ..rendering import comment_section_context
from ..selectors import comment_count
from ..text import comment_text_render

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, article):
    """The comments under an article; without a CSRF token, so the page can be cached."""
    return comment_section_context(context["request"], article, with_csrf=False, strict=False)


@register.simple_tag
def article_comment_count(article) -> int:
    """The article's approved-comment count; listings set `comment_count` in one query instead."""
    cached = getattr(article, "comment_count", None)
    return cached if cached is not None else comment_count(article=article)


@register.filter
def comment_html(text: str):
    return comment_text_render(text)
