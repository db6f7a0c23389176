from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    """Django's admin, on the newsroom's own site (its header, autocomplete thumbnails)."""

    default_site = "articles.admin_site.NewsroomAdminSite"
