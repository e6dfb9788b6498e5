from .authors import ArticleAuthor, Author
from .pages import ArticlePage, ArticleTag, HomePage, HomeTopStory, SectionPage

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "HomePage",
    "HomeTopStory",
    "SectionPage",
]
