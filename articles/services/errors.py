"""What a service refuses with: a transition that cannot happen now, a stale edit."""

from django.utils.translation import gettext_lazy

STATUS_CHANGED_MESSAGE = "Someone else changed this article's status just now; reload and try again."

#: Said when another request moved the article on between reading and writing it.
STATUS_CHANGED_MESSAGE = gettext_lazy("Someone else changed this article's status just now; reload and try again.")


class WorkflowError(Exception):
    """A transition that cannot happen now; ``messages`` says what to fix."""

    def __init__(self, messages):
        self.messages = [messages] if isinstance(messages, str) else [str(message) for message in messages]
        super().__init__("; ".join(self.messages))


class EditConflict(Exception):
    """Someone saved the article after this editor opened it."""

    def __init__(self, *, current, expected_version, changed_by=None, changed_at=None):
        self.current = current
        self.expected_version = expected_version
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(f"article {current.pk} is at version {current.version}, not {expected_version}")
