"""A change forgets only the stored pages that show it, and a reader never gets
one that shows it as it was.

Every public page that can show an article (the table of ``test_purge``), and
the pages of articles that show it in other ways (its related box, an editor's
pick, an embed), are stored by the page cache; then the article changes in each
way an editor can change it, and every page served afterwards must be the page
rendered afresh with nothing cached. Pages that do not show the change stay
stored: an article of another section, that section's page.
"""

import difflib
import hashlib
import re
from urllib.parse import unquote

import pytest
import time_machine
from django.utils import timezone
from django.utils.translation import override

from articles import services
from articles.models import Article
from delivery import memo, pagecache, purge
from delivery.state import ContentState
from photos import services as photo_services
from tests import factories
from tests.delivery.test_purge import ADDRESSES, live_article

pytestmark = pytest.mark.django_db

NONCE = re.compile(rb'nonce="[^"]*"')


@pytest.fixture
def desk(db):
    return factories.editor(username="targeted-editor")


def publish(desk, **fields):
    article = factories.make_publishable(desk, **fields)
    services.article_publish(article=article, user=desk)
    article.refresh_from_db()
    return article


@pytest.fixture
def newsroom(desk, django_capture_on_commit_callbacks):
    """The article that changes, the pages of others that show it, and a
    corner of the site that does not."""
    with django_capture_on_commit_callbacks(execute=True):
        changed = live_article(desk)
        other_section = factories.SectionFactory(name="문화", slug="culture")
        quiet_section = factories.SectionFactory(name="날씨", slug="weather")
        sharing_tag = publish(desk, headline="반도체 공장 증설", section=factories.SectionFactory(slug="industry"))
        services.article_save(article=sharing_tag, user=desk, tags=["반도체"])
        same_section = publish(desk, headline="같은 면 기사", section=changed.section)
        picking = publish(desk, headline="골라 넣은 기사", section=other_section)
        services.article_save(article=picking, user=desk, related=[changed])
        embedding = publish(desk, headline="품은 기사", section=other_section, body=f"[[article:{changed.pk}]]")
        quiet = publish(desk, headline="맑음", section=quiet_section)
    with override(changed.language):
        paths = {purge.path_of(name, **address(changed)) for name, address in ADDRESSES.items()}
    paths |= {article.get_absolute_url() for article in (Article.objects.get(pk=sharing_tag.pk), same_section, picking)}
    paths |= {embedding.get_absolute_url(), "/?page=2", f"/{changed.section.slug}/?page=1"}
    quiet_paths = {quiet.get_absolute_url(), f"/{quiet_section.slug}/"}
    return {"changed": changed, "paths": sorted(paths), "quiet": sorted(quiet_paths)}


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return NONCE.sub(b'nonce=""', content)


def fresh(client, settings, path):
    """The page rendered now, with nothing stored or remembered."""
    settings.NEWSROOM_PAGE_CACHE = False
    memo.forget()
    try:
        return client.get(path)
    finally:
        settings.NEWSROOM_PAGE_CACHE = True


def store(client, paths):
    for path in paths:
        client.get(path)
        assert client.get(path).status_code in (200, 301, 302), path


def assert_never_stale(client, settings, paths):
    for path in paths:
        served = client.get(path)
        now = fresh(client, settings, path)
        assert served.status_code == now.status_code, path
        if body(served) != body(now):
            lines = (body(served).decode().splitlines(), body(now).decode().splitlines())
            diff = "\n".join(difflib.unified_diff(*lines, lineterm="", n=1))
            raise AssertionError(f"{path} was served as it was before the change:\n{diff}")


def edit_headline(article, desk):
    article.headline = "반도체 수출 사상 최대"
    services.article_save(article=article, user=desk)


def move_and_untag(article, desk):
    article.section = factories.SectionFactory(name="경제", slug="economy")
    services.article_save(article=article, user=desk, tags=["수출"])


def unpublish(article, desk):
    services.article_unpublish(article=article, user=desk, reason="법적 검토")


def correct_credit(article, desk):
    image = article.lead_image
    image.credit = "뉴스룸 사진부"
    photo_services.image_save(image=image, user=desk)


def rename_source(article, desk):
    source = article.embedded_quotes.get().source
    source.name = "산업통상자원부 장관"
    services.source_save(source=source, user=desk)


def rename_author(article, desk):
    author = article.authors.get()
    author.name = "박민수 기자"
    services.author_save(author=author, user=desk)


def publish_beside(article, desk):
    """A new piece in its section, sharing its tag: the newest in related boxes."""
    newer = publish(desk, headline="반도체 속보", section=article.section)
    services.article_save(article=newer, user=desk, tags=["반도체"])


def delete(article, desk):
    embedding = Article.objects.get(headline="품은 기사")
    embedding.body = "품었던 기사를 뺐습니다."  # an embedded piece cannot be deleted
    services.article_save(article=embedding, user=desk)
    services.articles_delete(articles=[article], user=desk)


CHANGES = [
    edit_headline,
    move_and_untag,
    unpublish,
    correct_credit,
    rename_source,
    rename_author,
    publish_beside,
    delete,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_a_change_forgets_every_page_that_shows_it_and_only_those(
    client, settings, desk, newsroom, change, django_capture_on_commit_callbacks
):
    store(client, newsroom["paths"] + newsroom["quiet"])
    for path in newsroom["quiet"]:
        assert client.get(path)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        change(Article.objects.get(pk=newsroom["changed"].pk), desk)

    assert_never_stale(client, settings, newsroom["paths"])
    for path in newsroom["quiet"]:
        assert client.get(path).get("X-Page-Cache") == "hit", f"{path} does not show the change, yet was forgotten"


def test_a_change_of_the_whole_site_forgets_every_page(
    client, settings, desk, newsroom, django_capture_on_commit_callbacks
):
    store(client, newsroom["paths"] + newsroom["quiet"])
    section = newsroom["changed"].section
    section.name = "새 이름"
    with django_capture_on_commit_callbacks(execute=True):
        services.section_save(section=section, user=factories.UserFactory(username="chief", is_superuser=True))
    for path in newsroom["quiet"]:
        assert client.get(path).get("X-Page-Cache") != "hit"
    assert_never_stale(client, settings, newsroom["paths"] + newsroom["quiet"])


def test_a_photo_that_is_also_an_author_s_portrait_reaches_the_author_s_page(
    client, settings, desk, newsroom, django_capture_on_commit_callbacks
):
    """The lead photo of the changed article is also the portrait of another
    author, whose page prints it: a change of the photo reaches that page too."""
    image = newsroom["changed"].lead_image
    with django_capture_on_commit_callbacks(execute=True):
        portrait = services.author_save(
            author=factories.AuthorFactory.build(name="사진 기자", slug="photo-desk", photo=image), user=desk
        )
        publish(desk, headline="사진 기자의 기사", section=factories.SectionFactory(slug="photo"))
        services.article_save(article=Article.objects.get(headline="사진 기자의 기사"), user=desk, bylines=[portrait])
    page = portrait.get_absolute_url()
    store(client, [page])
    image.alt_text = "고쳐 쓴 대체 텍스트"
    with django_capture_on_commit_callbacks(execute=True):
        photo_services.image_save(image=image, user=desk)
    assert_never_stale(client, settings, [page])
    assert "고쳐 쓴 대체 텍스트" in client.get(page).content.decode()


def test_a_page_rendered_from_parts_remembered_before_a_change_is_not_stored_under_its_new_version(
    client, desk, newsroom, django_capture_on_commit_callbacks, monkeypatch
):
    """The generation is read first; a page's other versions may be read later
    (an article's related pools, the first time a process sees its address). A
    change between the two reads must not leave the page stored with the box
    remembered before it under the box's new version."""
    path = Article.objects.get(headline="같은 면 기사").get_absolute_url()
    client.get(path)  # its related box is remembered under this generation
    pagecache.page_cache().delete(pagecache.PAGE_KEY_PREFIX + hashlib.sha256(f"testserver{path}".encode()).hexdigest())
    pagecache.forget_local()
    pagecache._known.pop(unquote(path), None)  # what this process learnt the page depends on
    read_versions = ContentState.depend_on

    def change_in_between(state, keys):
        with django_capture_on_commit_callbacks(execute=True):
            publish_beside(newsroom["changed"], desk)
        return read_versions(state, keys)

    monkeypatch.setattr(ContentState, "depend_on", change_in_between)
    assert "반도체 속보" not in client.get(path).content.decode()  # the request under way: as it began
    monkeypatch.undo()
    assert "반도체 속보" in client.get(path).content.decode()


def test_a_process_replays_a_page_it_served_within_the_second_without_asking_and_then_asks(
    client, newsroom, django_assert_num_queries
):
    """Each process keeps the pages it served for ``NEWSROOM_PAGE_CACHE_LOCAL_SECONDS``
    (a hit then reads nothing at all); a change made by another process, which
    cannot empty this one's memory, reaches its readers within that time."""
    path = Article.objects.get(headline="같은 면 기사").get_absolute_url()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.get(path)
        with django_assert_num_queries(0):
            assert client.get(path)["X-Page-Cache"] == "hit"
        # Another process's change: the shared versions move, this process's memory is not told.
        key = pagecache.path_version_key(path)
        pagecache.page_cache().set(key, "changed elsewhere", pagecache.VERSION_SECONDS)
        assert client.get(path)["X-Page-Cache"] == "hit"  # within the second
        traveller.shift(1.01)
        assert "X-Page-Cache" not in client.get(path)  # asked, and stored again
