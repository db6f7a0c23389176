"""The reader's site: front page, lists, the article page, corrections, robots.txt.

Every view starts from ``Article.objects.published()`` in the request's edition."""

import datetime

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import uri_to_iri
from django.utils.translation import get_language
from django.views.generic import ListView, TemplateView, View

from articles.editions import current_edition
from articles.models import Article, Correction, Section
from articles.querysets import authors_in_print, published_q, tags_in_print
from delivery.memo import remember, remember_many
from delivery.pagecache import related_pools_of
from delivery.renderings import article_page

from .pages import related_block, render_article_page
from .pagination import KnownCountPaginator
from .redirects import old_address
from .templatetags.reader import card_key, render_card

LIST_PAGE_SIZE = 20


class PublishedArticlesMixin:
    """Lists of what readers may see, in the current edition, newest first."""

    paginate_by = LIST_PAGE_SIZE

    def published_articles(self):
        return Article.objects.published().in_edition(current_edition()).for_listing().latest()

    def paginate_queryset(self, queryset, page_size):
        paginator = Paginator(queryset, page_size, allow_empty_first_page=True)
        page = requested_page(self.request, paginator)
        return paginator, page, page.object_list, page.has_other_pages()


def requested_page(request, paginator):
    """The page ``?page=`` asks for; one past the end, zero, negative or not a
    number is a clean 404."""
    try:
        return paginator.page(int(request.GET.get("page") or 1))
    except (ValueError, TypeError, EmptyPage) as error:
        raise Http404("No such page") from error


class CardListMixin(PublishedArticlesMixin):
    """A list page of cards (a section, a tag, an author, an archive period):
    every request reads which articles the page shows (one query of ids down
    the list's index); the count for "page 2 of 40" and each card are
    remembered per content generation (``memo.py``), so only what changed since
    is counted, read in full and rendered. ``articles`` is the cards' HTML."""

    def published_articles(self):
        return Article.objects.published().in_edition(current_edition()).latest()

    def paginate_queryset(self, queryset, page_size):
        ids = queryset.values_list("pk", flat=True)
        count = remember(self.request, ("list-count", self.request.path, get_language()), ids.count)
        paginator = KnownCountPaginator(ids, page_size, count=count, allow_empty_first_page=True)
        page = requested_page(self.request, paginator)
        page.object_list = list(page.object_list)
        cards = remember_many(self.request, [card_key(pk) for pk in page.object_list], render_cards)
        found = [cards[key] for key in map(card_key, page.object_list) if key in cards]
        return paginator, page, found, page.has_other_pages()


def render_cards(keys):
    """Cards of the articles these ``card_key``s name, read in one go."""
    found = Article.objects.for_listing().in_bulk([key[1] for key in keys])
    return {key: render_card(found[key[1]], key[2]) for key in keys if key[1] in found}


class HomeView(TemplateView):
    """The front page: the editors' top story, the latest news, and the latest
    of each section. It does not grow (older news is in the sections and the
    archive), so it needs no count and no pages."""

    template_name = "reader/home.html"
    latest_count = 9
    per_section = 4
    max_sections = 8

    def get_context_data(self, **kwargs):
        # Which articles the page shows is read on every request (two queries
        # of ids); how each is shown — the top story's block, the cards, the
        # section boxes — is remembered per content generation (memo.py), so
        # only what changed since is read in full and rendered.
        articles = Article.objects.published().in_edition(current_edition())
        featured = articles.filter(featured_at__isnull=False).order_by("-featured_at")
        top_id = featured.values_list("pk", flat=True).first()
        latest = articles.exclude(pk=top_id) if top_id else articles
        latest_ids = list(latest.latest().values_list("pk", flat=True)[: self.latest_count])
        if top_id is None and latest_ids:
            top_id, latest_ids = latest_ids[0], latest_ids[1:]
        cards = remember_many(self.request, [card_key(pk) for pk in latest_ids], render_cards)
        return {
            **super().get_context_data(**kwargs),
            "top_story_html": remember(
                self.request, ("top-story", top_id, get_language()), lambda: self.render_top_story(top_id)
            )
            if top_id
            else "",
            "cards": [cards[key] for key in map(card_key, latest_ids) if key in cards],
            "sections_html": remember(
                self.request,
                ("home-sections", current_edition().code, top_id),
                lambda: render_to_string(
                    "reader/includes/_home_sections.html",
                    {"sections": self.latest_by_section(exclude={top_id} if top_id else set())},
                ),
            ),
        }

    @staticmethod
    def render_top_story(pk):
        top_story = Article.objects.for_listing().filter(pk=pk).first()
        if top_story is None:
            return ""
        return render_to_string("reader/includes/_top_story.html", {"top_story": top_story})

    def latest_by_section(self, exclude):
        """Each section with its few latest articles: one small query per section,
        each walking the section's "latest published" index."""
        compact = (
            Article.objects.published()
            .in_edition(current_edition())
            .exclude(pk__in=exclude)
            .select_related("section")
            .only("pk", "headline", "slug", "language", "publish_at", "section__slug", "section__name",
                  "section__name_en", "section__position")
            .latest()
        )  # fmt: skip
        found = []
        for section in Section.objects.order_by("position", "name")[: self.max_sections]:
            section_articles = list(compact.filter(section=section)[: self.per_section])
            if section_articles:
                found.append((section, section_articles))
        return found


class SectionView(CardListMixin, ListView):
    template_name = "reader/section.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["section"])
        return self.published_articles().filter(section=self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class TagView(CardListMixin, ListView):
    template_name = "reader/tag.html"
    context_object_name = "articles"

    def get_queryset(self):
        slug = self.kwargs["slug"]
        # Whether the tag is in print asks of every article it has: once per content generation.
        self.tag = remember(self.request, ("tag-in-print", slug), lambda: tags_in_print().filter(slug=slug).first())
        if self.tag is None:
            raise Http404("No such tag")
        return self.published_articles().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(CardListMixin, ListView):
    template_name = "reader/author.html"
    context_object_name = "articles"

    def get_queryset(self):
        slug = self.kwargs["slug"]
        self.author = remember(
            self.request,
            ("author-in-print", slug),
            lambda: authors_in_print().select_related("photo").filter(slug=slug).first(),
        )
        if self.author is None:
            raise Http404("No such author")
        return self.published_articles().filter(authorships__author=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class ArchiveView(CardListMixin, ListView):
    """What was published in a year, a month or a day (in the newsroom's time
    zone). A date that does not exist (2026-02-30) is a 404."""

    template_name = "reader/archive.html"
    context_object_name = "articles"

    def get_queryset(self):
        year, month, day = self.kwargs.get("year"), self.kwargs.get("month"), self.kwargs.get("day")
        try:
            first = datetime.date(year, 1 if month is None else month, 1 if day is None else day)
        except ValueError as error:
            raise Http404("No such date") from error
        if day:
            last = first + datetime.timedelta(days=1)
        elif month:
            last = (first + datetime.timedelta(days=32)).replace(day=1)
        else:
            last = first.replace(year=year + 1) if year < 9999 else datetime.date.max
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
        end = datetime.datetime.combine(last, datetime.time.min, tzinfo=zone)
        self.period = {"first": first, "level": "day" if day else "month" if month else "year"}
        return self.published_articles().filter(publish_at__gte=start, publish_at__lt=end)

    def get_context_data(self, **kwargs):
        return super().get_context_data(period=self.period, **kwargs)


class ArticleDetailView(View):
    template_name = "reader/article_detail.html"

    def get(self, request, section, pk, slug):
        found = article_page(pk, render=render_article_page)
        canonical = found[0].get_absolute_url() if found is not None else None
        if canonical is None or request.path != uri_to_iri(canonical):
            # Not this article's own address: first an imported piece's old
            # permalink of the same shape (/2024/05/a-post/ is not article 5)…
            known, old = old_address(request)
            if old is not None:
                return old
            if known or found is None:  # an old address of a piece not live here: never another's page
                raise Http404("No such article")
            # …then an old slug, a moved section or the other edition's prefix.
            return HttpResponsePermanentRedirect(canonical)
        article, page = found
        state = getattr(request, "content_state", None)
        if state is not None:
            # The related box shows its section's and tags' newest pieces: their
            # changes forget this page too (delivery.receivers.related_pools).
            state.depend_on(related_pools_of(article.section_id, page.tag_ids))
        related_html = remember(
            request,
            ("related", article.pk, article.version, get_language()),
            lambda: related_block(article, tag_ids=page.tag_ids, pick_ids=page.pick_ids),
        )
        context = {"article": article, "page": page, "related_html": related_html}
        return TemplateResponse(request, self.template_name, context)


class ArticleShortLinkView(View):
    """``/a/<id>/``: a stable short link that redirects to the article's address."""

    def get(self, request, pk):
        article = get_object_or_404(Article.objects.published().select_related("section"), pk=pk)
        return HttpResponsePermanentRedirect(article.get_absolute_url())


class CorrectionsView(ListView):
    """Every correction of the site, newest first: the transparency page."""

    template_name = "reader/corrections.html"
    context_object_name = "corrections"
    paginate_by = LIST_PAGE_SIZE

    def get_queryset(self):
        return (
            Correction.objects.filter(published_q(prefix="article__"))
            .select_related("article", "article__section")
            .order_by("-created_at", "-pk")
        )

    paginate_queryset = PublishedArticlesMixin.paginate_queryset


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        return {
            "sitemap_url": settings.SITE_URL + reverse("sitemap"),
            "news_sitemap_url": settings.SITE_URL + reverse("news_sitemap"),
        }
