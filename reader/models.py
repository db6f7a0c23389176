"""What the reader's site keeps of its own: how often each article is read.

The paper's own counter, for the "most read" box (``reader/popular.py``): no
third-party analytics, no cookie, nothing about the reader, only a number per
article and hour.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReadCount(models.Model):
    """Reads of one article in one hour (counted in the cache, written here in batches)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField(_("hour"))
    reads = models.PositiveIntegerField(_("reads"), default=0)

    class Meta:
        verbose_name = _("read count")
        verbose_name_plural = _("read counts")
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="readcount_article_hour_unique")]
        indexes = [models.Index(fields=["hour"], name="readcount_hour_idx")]

    def __str__(self):
        return f"{self.article_id} @ {self.hour:%Y-%m-%d %H}: {self.reads}"
