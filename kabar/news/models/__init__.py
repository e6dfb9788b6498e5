from .authors import ArticleAuthor, Author, AuthorRole, Credits
from .live import LiveUpdate
from .pages import (
    ArticlePage,
    ArticleTag,
    HomePage,
    HomeTopStory,
    SectionPage,
    page_context_register,
)
from .popularity import ArticleViews
from .standard import StandardPage

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "ArticleTag",
    "ArticleViews",
    "Author",
    "AuthorRole",
    "Credits",
    "HomePage",
    "HomeTopStory",
    "LiveUpdate",
    "SectionPage",
    "StandardPage",
    "page_context_register",
]
