from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("a/<int:pk>/", views.ArticleShortLinkView.as_view(), name="short"),
    path("corrections/", views.CorrectionsView.as_view(), name="corrections"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<str:slug>/", views.AuthorView.as_view(), name="author"),
    path("<str:section>/", views.SectionView.as_view(), name="section"),
    path("<str:section>/<int:pk>/<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
