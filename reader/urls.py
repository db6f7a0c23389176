"""The reader's public pages (each edition: Korean at the root, English under ``/en/``)."""

from django.urls import path

from . import feeds, live, popular, search, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("feed/atom/", feeds.atom(feeds.LatestArticlesFeed)(), name="feed_atom"),
    path("a/<int:pk>/", views.ArticleShortLinkView.as_view(), name="short"),
    path("a/<int:pk>/read/", popular.ReadBeaconView.as_view(), name="read_beacon"),
    path("most-read/", popular.MostReadView.as_view(), name="most_read"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("search/", search.SearchView.as_view(), name="search"),
    path("archive/<int:year>/", views.ArchiveView.as_view(), name="archive_year"),
    path("archive/<int:year>/<int:month>/", views.ArchiveView.as_view(), name="archive_month"),
    path("archive/<int:year>/<int:month>/<int:day>/", views.ArchiveView.as_view(), name="archive_day"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("tag/<str:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tag/<str:slug>/feed/atom/", feeds.atom(feeds.TagFeed)(), name="tag_feed_atom"),
    path("author/<str:slug>/", views.AuthorView.as_view(), name="author"),
    path("author/<str:slug>/feed/", feeds.AuthorFeed(), name="author_feed"),
    path("author/<str:slug>/feed/atom/", feeds.atom(feeds.AuthorFeed)(), name="author_feed_atom"),
    path("live/<int:pk>/", live.LiveEntriesView.as_view(), name="live_entries"),
    path("live/<int:pk>/older/", live.LiveOlderView.as_view(), name="live_older"),
    path("<str:section>/", views.SectionView.as_view(), name="section"),
    path("<str:section>/feed/", feeds.SectionFeed(), name="section_feed"),
    path("<str:section>/feed/atom/", feeds.atom(feeds.SectionFeed)(), name="section_feed_atom"),
    path("<str:section>/<int:pk>/<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
