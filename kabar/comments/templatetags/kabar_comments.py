"""Template tags for reader comments: the article's comments section and comment text."""

from django import template

from ..rendering import comment_section_context
from ..text import comment_text_render

register = template.Library()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, article):
    """The comments under an article; without a CSRF token, so the page can be cached."""
    return comment_section_context(context["request"], article, with_csrf=False, strict=False)


@register.filter
def comment_html(text: str):
    return comment_text_render(text)
