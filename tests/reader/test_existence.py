"""Nothing unpublished can be found out from outside: for every public URL
pattern (walked from the URL conf), an address naming something that exists
only in drafts or scheduled pieces answers as one naming nothing at all, and
no sitemap lists it.

A section is not such a thing: every page's navigation lists every section.
"""

import datetime
import itertools
import re
from urllib.parse import quote

import pytest
from django.utils import timezone
from django.utils.translation import override

from articles import services
from delivery import purge
from tests import factories
from tests.urlconf import public_patterns

pytestmark = pytest.mark.django_db

UNKNOWN = {"slug": "no-such-thing", "pk": 987654, "year": 1990, "month": 1, "day": 2}
#: The parameters that can name something unpublished (a section's name is public).
SECRET_PARAMETERS = ("slug", "pk", "year", "month", "day")


@pytest.fixture
def newsroom(db):
    """One published piece, and a draft and a scheduled one whose tags and
    author appear nowhere else."""
    desk = factories.editor(username="leak-editor")
    public_author = factories.AuthorFactory(name="공개기자", slug="public-writer")
    published = factories.make_publishable(desk, headline="공개된 기사", tags=["공개"], authors=[public_author])
    services.article_publish(article=published, user=desk)
    secret_author = factories.AuthorFactory(name="비밀기자", slug="secret-writer")
    draft = factories.make_publishable(
        desk, headline="비밀 초안", section=published.section, tags=["비밀태그"], authors=[secret_author]
    )
    coming = factories.make_publishable(
        desk, headline="엠바고 기사", section=published.section, tags=["엠바고태그"], authors=[secret_author]
    )
    services.article_schedule(
        article=coming, user=desk, publish_at=timezone.now() + datetime.timedelta(days=400), embargoed=True
    )
    for article in (published, draft, coming):
        article.refresh_from_db()
    day = timezone.localtime(coming.publish_at)
    return {
        "published": published,
        "public": {
            "section": [published.section.slug, "articles"],  # the sitemaps' sections are named too
            "slug": [published.tags.get().slug, public_author.slug, published.slug],
            "pk": [published.pk],
            "year": [timezone.localtime(published.publish_at).year],
            "month": [timezone.localtime(published.publish_at).month],
            "day": [timezone.localtime(published.publish_at).day],
        },
        "secret": {
            "slug": [draft.tags.get().slug, coming.tags.get().slug, secret_author.slug, draft.slug, coming.slug],
            "pk": [draft.pk, coming.pk],
            "year": [day.year],
            "month": [day.month],
            "day": [day.day],
        },
        "secret_words": ["비밀 초안", "엠바고 기사", "비밀태그", "엠바고태그", "비밀기자", "secret-writer"],
    }


def get(client, name, values, language):
    with override(language):
        path = purge.path_of(name, **values)
    assert path, f"{name} does not reverse with {values}"
    response = client.get(path)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return path, response.status_code, content.decode(errors="replace")


def public_values(client, name, params, newsroom, language):
    """Values for ``params`` with which the page answers (published things only)."""
    choices = [newsroom["public"][param] for param in params]
    for combination in itertools.product(*choices):
        values = dict(zip(params, combination, strict=True))
        if get(client, name, values, language)[1] in (200, 301, 302):
            return values
    return None


@pytest.mark.parametrize("language", ["ko", "en"])
def test_an_address_naming_something_unpublished_answers_like_one_naming_nothing(client, newsroom, language):
    checked = []
    for name, params in sorted(public_patterns()):
        secret = [param for param in params if param in SECRET_PARAMETERS]
        if not secret:
            continue
        base = public_values(client, name, params, newsroom, language)
        if base is None:
            continue  # the page needs values no published thing gives (a preview link's key)
        for param in secret:
            _, unknown_status, _ = get(client, name, {**base, param: UNKNOWN[param]}, language)
            for value in newsroom["secret"][param]:
                path, status, content = get(client, name, {**base, param: value}, language)
                assert status == unknown_status, f"{path} answers {status}, an unknown {param} {unknown_status}"
                leaked = [word for word in newsroom["secret_words"] if word in content]
                assert not leaked, f"{path} shows {leaked}"
                checked.append(name)
    # The walk reached the pages that could tell: tags, authors, their feeds, articles, the archive.
    assert {
        "articles:tag",
        "articles:tag_feed",
        "articles:tag_feed_atom",
        "articles:author",
        "articles:author_feed",
        "articles:author_feed_atom",
        "articles:detail",
        "articles:short",
        "articles:archive_day",
    } <= set(checked)


def test_no_sitemap_lists_anything_unpublished(client, newsroom):
    index = client.get("/sitemap.xml").content.decode()
    paths = ["/" + url.split("/", 3)[3] for url in re.findall(r"<loc>([^<]+)</loc>", index)]
    assert "/sitemap-tags.xml" in paths and "/sitemap-authors.xml" in paths
    listed = {path: client.get(path).content.decode() for path in [*paths, "/news-sitemap.xml"]}
    assert quote(newsroom["published"].slug) in listed["/sitemap-articles.xml"]
    assert "public-writer" in listed["/sitemap-authors.xml"]
    for path, content in listed.items():
        for word in [*newsroom["secret"]["slug"], *newsroom["secret_words"]]:
            assert word not in content and quote(word) not in content, f"{path} lists {word}"


def test_the_search_finds_nothing_unpublished(client, newsroom):
    for word in ["비밀", "엠바고", "비밀기자"]:
        content = client.get("/search/", {"q": word}).content.decode().replace(word, "")  # the box echoes it
        assert "공개된 기사" not in content
        assert not [secret for secret in newsroom["secret_words"] if secret in content], word
