"""The queue's side of the photo library."""

from django_tasks import task


@task()
def make_renditions(image_id):
    """Make the renditions of an image saved without them (an import's)."""
    # Imported here: the services queue this very task.
    from .services import image_make_renditions

    return image_make_renditions(image_id=image_id)
