"""The queue's side of webhooks: one task, one attempt of one delivery."""

from django_tasks import task


@task()
def deliver(delivery_id, attempt):
    """Make the attempt after ``attempt`` of delivery ``delivery_id``
    (``services.delivery_attempt``: claimed by compare-and-set, so a repeat of
    this task does nothing); returns the delivery's status after it, or ``None``."""
    # Imported here: the services queue this very task.
    from .services import delivery_attempt

    return delivery_attempt(delivery_id=delivery_id, attempt=attempt)
