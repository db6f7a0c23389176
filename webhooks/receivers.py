"""What webhooks listen to: a step in a published piece's life (``article_event``,
in the step's transaction), and each run of the scheduler (the backstop)."""

from django.dispatch import receiver

from articles.signals import article_event, scheduler_ran

from . import services


@receiver(article_event, dispatch_uid="webhooks.deliveries_for_event")
def make_deliveries(sender, *, article, event, origin, occurred_at, **kwargs):
    services.deliveries_for_event(article=article, event=event, origin=origin, occurred_at=occurred_at)


@receiver(scheduler_ran, dispatch_uid="webhooks.retry_due")
def retry_after_scheduler(sender, **kwargs):
    services.deliveries_retry_due()
