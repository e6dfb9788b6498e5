from django.db import models
from django.utils.translation import gettext_lazy as _


class RelatedArticle(models.Model):
    """One automatic "Berita terkait" entry: `related` is among the stories most like
    `article`, worked out when either is published (kabar/search/related.py), never per view."""

    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="related_entries"
    )
    related = models.ForeignKey("news.ArticlePage", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()
    score = models.FloatField()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="related_article_once")
        ]
        indexes = [models.Index(fields=["related"], name="related_article_related")]
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")

    def __str__(self):
        return f"{self.article_id} → {self.related_id}"
