from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleViews(models.Model):
    """How many times readers opened an article during one hour (kabar.news.view_counts)."""

    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="hourly_views",
    )
    hour = models.DateTimeField(_("hour"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("article views")
        verbose_name_plural = _("article views")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="news_views_one_row_per_hour")
        ]
        # "Most read since" sums the rows of a window of hours.
        indexes = [models.Index(fields=["hour", "article"], name="news_views_hour")]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.views}"
