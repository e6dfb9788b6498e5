from .authors import ArticleAuthor, Author
from .pages import (
    ArticlePage,
    ArticleTag,
    HomePage,
    HomeTopStory,
    SectionPage,
    page_context_register,
)
from .standard import StandardPage

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "HomePage",
    "HomeTopStory",
    "SectionPage",
    "StandardPage",
    "page_context_register",
]
