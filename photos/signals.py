"""What the photo library tells the rest of the site.

``image_changed`` is sent inside the transaction that changed an image a page
may print (its credit, rights, crop or file), with ``image`` (the instance).
The library does not know which pages show it; whoever does (the articles and
the caches) listens.
"""

from django.dispatch import Signal

image_changed = Signal()
