"""The project's URLs: the desk (admin), the reader's site in both editions, sitemaps, health and previews."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from accounts import urls as account_urls
from desk import views as desk_views
from desk.admin.photos import old_photo_urls
from newsroom import health
from reader import previews, views
from reader import sitemaps as reader_sitemaps
from reader.sitemaps import news_sitemaps

urlpatterns = [
    # The staff preview renders the reader's template; the desk links to it.
    path("admin/articles/article/<int:object_id>/preview/", desk_views.staff_preview_view, name="staff_preview"),
    path("admin/", include(old_photo_urls)),
    path("admin/account/", include("accounts.urls")),
    path("admin/account/passkeys/", account_urls.passkey_urls),
    path("admin/", include(account_urls.password_reset_urls)),
    path("admin/", admin.site.urls),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("sitemap.xml", reader_sitemaps.index, name="sitemap"),
    # The name Django's index reverses for each section's address.
    path("sitemap-<section>.xml", reader_sitemaps.sitemap, name="django.contrib.sitemaps.views.sitemap"),
    path(
        "news-sitemap.xml",
        sitemap_views.sitemap,
        {"sitemaps": news_sitemaps, "template_name": "sitemaps/news.xml"},
        name="news_sitemap",
    ),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("favicon.ico", health.favicon, name="favicon"),
    path("preview/<str:key>/", previews.PreviewLinkView.as_view(), name="preview_link"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("api.urls")),
]
urlpatterns += i18n_patterns(path("", include("reader.urls")), prefix_default_language=False)

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler400 = "newsroom.health.bad_request"
handler500 = "newsroom.health.server_error"
