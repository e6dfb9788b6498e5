"""Template tags for reader comments: the link to them under an article, and comment text."""

from django import template
from django.urls import reverse

from ..selectors import comment_counts
from ..text import comment_text_render

register = template.Library()


@register.inclusion_tag("comments/link.html")
def comments_link(article):
    """Under an article, only the count and a plain link to the comments page: the list and
    the form were a quarter of an uncached article's cost (issue 15), and comments.js replaces
    this with the live fragment anyway."""
    return {
        "count": comment_counts(article_ids=[article.pk]).get(article.pk, 0),
        "thread_url": reverse("comments:page", args=[article.pk]),
        "section_url": reverse("comments:section", args=[article.pk]),
    }


@register.filter
def comment_html(text: str):
    return comment_text_render(text)
