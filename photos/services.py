"""Writes to the photo library: every save and delete of an image goes through here.

The admin, the demo loader, the bench seeder and any importer call these, so an
upload is checked, its renditions made and its change announced the same way.
"""

from django.db import transaction

from .metadata import apply_suggestions
from .models import Image
from .renditions import delete_rendition_files, generate_renditions
from .signals import image_changed
from .text import strip_invisible_fields
from .uploads import inspect_upload, stored_name

#: Fields whose change must reach the renditions (the XMP packet or the crops).
RENDITION_FIELDS = (
    "credit",
    "creator",
    "copyright_holder",
    "license",
    "license_url",
    "source_url",
    "focal_x",
    "focal_y",
)


class DuplicateImage(Exception):
    def __init__(self, existing):
        self.existing = existing
        super().__init__(f"duplicate of image #{existing.pk}")


def image_save(*, image, user, upload=None, upload_info=None, renditions_later=False):
    """Save an image; with ``upload`` (checked by ``images.inspect_upload``) store
    the original privately and make the public renditions before the row exists.

    Either everything is saved or nothing is: a failure removes the files it
    wrote and leaves no row. Renditions are remade when the file, the focal
    point or the rights printed into them change; the old files go once the new
    ones are committed.

    ``renditions_later``: a new image's renditions are made by the task queue
    after the commit (``photos.tasks.make_renditions``), not here: an import of
    thousands of photos does not wait on them. Until then pages print no
    picture for it, only its caption and credit.
    """
    previous = Image.objects.filter(pk=image.pk).first() if image.pk else None
    strip_invisible_fields(image, Image.PLAIN_TEXT_FIELDS)  # before the renditions carry the credit
    if previous is None and upload is None:
        raise ValueError("A new image needs a file.")
    if upload is not None and upload_info is None:
        upload_info = inspect_upload(upload)
    if upload_info is not None:
        existing = Image.objects.filter(sha256=upload_info.sha256).exclude(pk=image.pk).first()
        if existing:
            raise DuplicateImage(existing)
    written_original = None
    new_renditions = {}
    try:
        with transaction.atomic():
            if upload is not None:
                image.original_filename = (getattr(upload, "name", "") or "")[-255:]
                image.width, image.height = upload_info.width, upload_info.height
                image.format, image.sha256, image.file_size = upload_info.format, upload_info.sha256, upload_info.size
                image.embedded_metadata = upload_info.metadata
                apply_suggestions(image, upload_info.metadata)
                upload.seek(0)
                image.file.save(stored_name(upload_info.format), upload, save=False)
                written_original = image.file.name
            if image.pk is None:
                image.uploaded_by = user if user and user.is_authenticated else None
            renditions_stale = (
                previous is None
                or upload is not None
                or any(getattr(previous, name) != getattr(image, name) for name in RENDITION_FIELDS)
            )
            if renditions_stale and renditions_later and previous is None:
                image.renditions = {}
                transaction.on_commit(lambda: _enqueue_renditions(image.pk))
            elif renditions_stale:
                new_renditions = generate_renditions(image)
                image.renditions = new_renditions
            image.full_clean(exclude=["file"])
            image.save()
            if previous is not None and renditions_stale:
                old_renditions, old_original = previous.renditions, previous.file.name
                replaced_original = upload is not None and old_original != image.file.name
                transaction.on_commit(lambda: delete_rendition_files(old_renditions))
                if replaced_original:
                    transaction.on_commit(lambda: image.file.storage.delete(old_original))
            if previous is not None:
                # Inside the transaction: the pages that show it are worked out now.
                image_changed.send(sender=Image, image=image)
    except BaseException:
        delete_rendition_files(new_renditions)
        if written_original:
            image.file.storage.delete(written_original)
        raise
    return image


def _enqueue_renditions(image_id):
    from .tasks import make_renditions

    make_renditions.enqueue(image_id)


def image_make_renditions(*, image_id):
    """Make the renditions of an image saved with ``renditions_later`` (the
    queue's task): a no-op when it has them already or is gone. The row is
    locked while the files are made, so two workers do not both make them."""
    with transaction.atomic():
        image = Image.objects.select_for_update().filter(pk=image_id).first()
        if image is None or image.renditions:
            return False
        written = generate_renditions(image)
        try:
            Image.objects.filter(pk=image.pk).update(renditions=written)
            image.renditions = written
            # The pages that print it now get its picture.
            image_changed.send(sender=Image, image=image)
        except BaseException:
            delete_rendition_files(written)
            raise
    return True


def image_delete(*, image, user):
    """Delete an image no article uses, with its original and renditions."""
    renditions, original = image.renditions, image.file.name
    with transaction.atomic():
        image.delete()  # PROTECT refuses while an article or quote uses it
        transaction.on_commit(lambda: delete_rendition_files(renditions))
        transaction.on_commit(lambda: image.file.storage.delete(original))
