from .authors import ArticleAuthor, Author, AuthorRole
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
    "HomePage",
    "HomeTopStory",
    "SectionPage",
    "StandardPage",
    "page_context_register",
]
