"""The article's workflow states, and which of them readers can see."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    """The life of an article: draft → in review → scheduled → published → unpublished."""

    DRAFT = "draft", pgettext_lazy("article status", "Draft")
    REVIEW = "review", pgettext_lazy("article status", "In review")
    SCHEDULED = "scheduled", pgettext_lazy("article status", "Scheduled")
    PUBLISHED = "published", pgettext_lazy("article status", "Published")
    UNPUBLISHED = "unpublished", pgettext_lazy("article status", "Unpublished")


#: States in which an article reaches readers once its ``publish_at`` has come.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)


class Origin(models.TextChoices):
    """On whose behalf a change is made: the newsroom's own (the desk, the
    scheduler), or an import's (``articles.services.on_behalf_of_import``).
    Webhooks and the news sitemap ignore an import's changes."""

    NEWSROOM = "newsroom", pgettext_lazy("change origin", "Newsroom")
    IMPORT = "import", pgettext_lazy("change origin", "Import")
