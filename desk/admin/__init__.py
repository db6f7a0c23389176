"""The newsroom desk: the admin reporters and editors work in.

Every change of state calls ``articles.services``; no form here has a status or
publication-time field, so nothing typed or posted can publish.
"""

from django.contrib import admin

from . import article, photos, rights, source

admin.site.empty_value_display = "—"

__all__ = ["article", "photos", "rights", "source"]
