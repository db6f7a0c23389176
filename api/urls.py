"""The content API's URLs, under /api/v1/ (namespace ``api``)."""

from django.urls import path, re_path

from . import docs, ninjs, views

app_name = "api"

urlpatterns = [
    path("", docs.docs_view, name="docs"),
    path("schema/", docs.schema_view, name="schema"),
    path("articles/", views.ArticleList.as_view(), name="article-list"),
    path("articles/<int:pk>/", views.ArticleDetail.as_view(), name="article-detail"),
    path("articles/<int:pk>/ninjs/", ninjs.NinjsView.as_view(), name="article-ninjs"),
    path("sections/", views.SectionList.as_view(), name="section-list"),
    path("sections/<str:slug>/", views.SectionDetail.as_view(), name="section-detail"),
    path("tags/", views.TagList.as_view(), name="tag-list"),
    path("tags/<str:slug>/", views.TagDetail.as_view(), name="tag-detail"),
    path("authors/", views.AuthorList.as_view(), name="author-list"),
    path("authors/<str:slug>/", views.AuthorDetail.as_view(), name="author-detail"),
    path("photos/", views.PhotoList.as_view(), name="photo-list"),
    path("photos/<int:pk>/", views.PhotoDetail.as_view(), name="photo-detail"),
    path("quotes/", views.QuoteList.as_view(), name="quote-list"),
    path("quotes/<int:pk>/", views.QuoteDetail.as_view(), name="quote-detail"),
    path("corrections/", views.CorrectionList.as_view(), name="correction-list"),
    # Any other address under /api/v1/ is the API's JSON 404, not the site's page.
    re_path(r"^.+$", views.not_found, name="not-found"),
]
