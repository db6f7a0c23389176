"""An article page's stored rendering: a row of the article's, read and written by ``delivery``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleRendering(models.Model):
    """An article page's own part, rendered once from the live records and kept
    until something it shows changes (``delivery/renderings.py``)."""

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="rendering"
    )
    version = models.PositiveIntegerField(help_text=_("The article version it was rendered from."))
    build = models.CharField(
        max_length=32, blank=True, help_text=_("The code that rendered it (templates, translations, page code).")
    )
    head = models.TextField(help_text=_("Canonical URL, Open Graph, JSON-LD."))
    main = models.TextField(help_text=_("The article element: header, photos, body, sources, footer."))
    translations = models.JSONField(default=list, blank=True)
    tag_ids = models.JSONField(default=list, blank=True)
    pick_ids = models.JSONField(default=list, blank=True, help_text=_("The editor's related picks."))
    valid_until = models.DateTimeField(null=True, blank=True, help_text=_("When it goes stale by itself."))
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stored article page")
        verbose_name_plural = _("stored article pages")

    def __str__(self):
        return f"#{self.article_id} v{self.version}"
