"""The writer: parsed pieces become articles through the services, once.

Pieces are built by hand here (``importer.parsed``), so these tests hold the
writer to its promises whatever the readers parse: a dry run writes nothing,
a re-run never duplicates, a person's edit is never overwritten, an archive
keeps its dates, to-dos block what they must, old addresses lead to the piece.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import (
    Article,
    ArticleEvent,
    ArticleTodo,
    Author,
    CopyrightNotice,
    Notification,
    Origin,
    Quote,
    Section,
    Status,
)
from articles.signals import content_changed
from importer.models import ImportedRecord
from importer.parsed import (
    TODO_PHOTO,
    MarkdownBlock,
    ParsedArticle,
    ParsedAuthor,
    ParsedPhoto,
    ParsedQuote,
    ParseProblem,
    PhotoBlock,
    QuoteBlock,
    Todo,
)
from importer.run import run_import
from importer.writer import Writer
from photos.models import Image
from tests import factories
from tests.articles.test_workflow_admin import complete_form

SEOUL = datetime.timezone(datetime.timedelta(hours=9))


@pytest.fixture
def photo_file(tmp_path):
    path = tmp_path / "files" / "podium.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(factories.jpeg_bytes(800, 533, color=(90, 120, 160)))
    return path


def piece(photo_file=None, **overrides):
    """A WordPress-like post: section, author, tags, a photo with its credit, a
    quote with its original, a related pointer, a footer, an old permalink."""
    fields = {
        "source": "wordpress",
        "source_id": "https://old.example#101",
        "file": "export.xml",
        "position": "item 3 (post 101)",
        "headline": "항만 자동화, 올해 안에 1단계 마친다",
        "dek": "부산항 신항 3개 선석에 무인 크레인",
        "language": "ko",
        "slug": "항만-자동화",
        "status": "published",
        "published_at": datetime.datetime(2021, 3, 4, 9, 30, tzinfo=SEOUL),
        "authors": [ParsedAuthor(name="한지우", login="jiwoo", email="jiwoo@old.example")],
        "section": ("economy-old", "경제"),
        "tags": ["항만", "자동화"],
        "body": [
            MarkdownBlock("첫 문단이다.\n\n둘째 문단이다."),
            QuoteBlock(
                ParsedQuote(
                    key="q-1",
                    text="자동화는 일자리를 바꿀 뿐이다",
                    language="ko",
                    original_text="Automation only changes jobs",
                    original_language="en",
                    speaker="마리아 로페스",
                )
            ),
            MarkdownBlock("마지막 문단이다."),
        ],
        "copyright_holder": "한빛일보",
        "copyright_text": "저작권자 © 한빛일보 무단전재 및 재배포 금지",
        "old_urls": ["/2021/03/port-automation/", "/?p=101"],
        "content_hash": "hash-1",
        "recognised": ["featured image #12"],
    }
    if photo_file is not None:
        fields["lead_photo"] = ParsedPhoto(
            key="wp:12",
            path=photo_file,
            caption="부산항 신항의 무인 크레인",
            alt_text="항구의 크레인 세 대",
            credit="연합뉴스",
            copyright_holder="연합뉴스",
        )
    fields.update(overrides)
    return ParsedArticle(**fields)


def write(pieces, user, **options):
    writer = Writer(user=user, **options)
    for parsed in pieces:
        writer.write(parsed)
    return writer.report


@pytest.mark.django_db
def test_a_dry_run_writes_nothing_and_says_what_it_would_make(superuser, photo_file):
    report = write([piece(photo_file)], superuser).as_json()

    assert Article.objects.count() == Image.objects.count() == Quote.objects.count() == 0
    assert Section.objects.count() == Author.objects.count() == ImportedRecord.objects.count() == 0
    entry = report["pieces"][0]
    assert entry["action"] == "create"
    assert "new section “경제”" in entry["creates"]
    assert "new author “한지우”" in entry["creates"]
    assert "new copyright notice “한빛일보”" in entry["creates"]
    assert any(line.startswith("new photo “부산항 신항의 무인 크레인” (연합뉴스)") for line in entry["creates"])
    assert report["counts"]["new_photos"] == 1
    assert report["counts"]["new_sections"] == ["경제"]


@pytest.mark.django_db
def test_a_piece_lands_as_a_draft_with_its_credits_quote_byline_and_notice(superuser, photo_file):
    report = write([piece(photo_file)], superuser, commit=True).as_json()

    article = Article.objects.get()
    assert report["pieces"][0]["article_id"] == article.pk
    assert article.status == Status.DRAFT  # without --publish everything arrives for an editor
    assert article.headline == "항만 자동화, 올해 안에 1단계 마친다"
    assert article.slug == "항만-자동화"
    assert article.section.name == "경제"
    assert [author.name for author in article.authors.all()] == ["한지우"]
    assert article.authors.get().email == "jiwoo@old.example"
    assert sorted(article.tags.names()) == ["자동화", "항만"]
    assert article.copyright_notice.holder == "한빛일보"
    image = article.lead_image
    assert (image.credit, image.copyright_holder, image.alt_text) == ("연합뉴스", "연합뉴스", "항구의 크레인 세 대")
    assert image.caption == "부산항 신항의 무인 크레인"
    quote = Quote.objects.get()
    assert (quote.text, quote.original_text, quote.original_language) == (
        "자동화는 일자리를 바꿀 뿐이다",
        "Automation only changes jobs",
        "en",
    )
    assert quote.source.name == "마리아 로페스"
    assert article.body == (f"첫 문단이다.\n\n둘째 문단이다.\n\n[[quote:{quote.pk}]]\n\n마지막 문단이다.\n")
    assert article.revisions.count() == 1  # through the one article save
    assert "Imported from export.xml" in article.revisions.get().note


@pytest.mark.django_db
def test_running_the_same_import_again_duplicates_nothing(superuser, photo_file):
    write([piece(photo_file)], superuser, commit=True)
    report = write([piece(photo_file)], superuser, commit=True).as_json()

    assert report["pieces"][0]["action"] == "unchanged"
    assert Article.objects.count() == Image.objects.count() == Quote.objects.count() == Section.objects.count() == 1
    assert Author.objects.count() == CopyrightNotice.objects.count() == 1


@pytest.mark.django_db
def test_a_changed_source_updates_the_piece_it_made(superuser, photo_file):
    write([piece(photo_file)], superuser, commit=True)
    first = Article.objects.get()

    changed = piece(photo_file, headline="항만 자동화 1단계 완료", content_hash="hash-2")
    report = write([changed], superuser, commit=True).as_json()

    assert report["pieces"][0]["action"] == "update"
    article = Article.objects.get()
    assert article.pk == first.pk
    assert article.headline == "항만 자동화 1단계 완료"
    assert article.version == first.version + 1


@pytest.mark.django_db
def test_a_piece_edited_here_since_the_import_is_left_as_it_is(superuser, photo_file):
    write([piece(photo_file)], superuser, commit=True)
    article = Article.objects.get()
    article.headline = "데스크가 고친 제목"
    services.article_save(article=article, user=superuser, expected_version=article.version)

    report = write([piece(photo_file, content_hash="hash-2", headline="원본의 새 제목")], superuser, commit=True)
    entry = report.as_json()["pieces"][0]

    assert entry["action"] == "kept"
    assert "Edited in Newsroom since the last import" in entry["notes"][0]
    assert Article.objects.get().headline == "데스크가 고친 제목"


@pytest.mark.django_db
def test_an_archive_is_published_with_its_original_date_and_tells_nobody(superuser, photo_file):
    events = []
    from articles.signals import article_event

    def heard(sender, **kwargs):
        events.append(kwargs["origin"])

    article_event.connect(heard)
    try:
        write([piece(photo_file)], superuser, commit=True, publish=True)
    finally:
        article_event.disconnect(heard)

    article = Article.objects.get()
    assert article.status == Status.PUBLISHED
    assert article.first_published_at == datetime.datetime(2021, 3, 4, 0, 30, tzinfo=datetime.UTC)
    assert article.publish_at == article.first_published_at
    assert article.is_published()
    event = ArticleEvent.objects.get(article=article, to_status=Status.PUBLISHED)
    assert event.origin == Origin.IMPORT
    assert events == [Origin.IMPORT]  # webhooks honour the mark
    assert not Notification.objects.filter(article=article).exists()  # nobody is told of a piece from 2021


@pytest.mark.django_db
def test_a_blocking_to_do_keeps_an_archive_piece_a_draft_and_says_why(superuser):
    slot = ParsedPhoto(key="slot:abc", caption="화면 갈무리", credit="연합뉴스")
    parsed = piece(
        body=[MarkdownBlock("본문."), PhotoBlock(slot)],
        todos=[
            Todo(
                TODO_PHOTO,
                "사진 자리: “화면 갈무리” (연합뉴스) — 사진 파일을 올려 주세요",
                blocking=True,
                data={"caption": "화면 갈무리", "credit": "연합뉴스", "after_paragraph": 1},
            )
        ],
    )
    entry = write([parsed], superuser, commit=True, publish=True).as_json()["pieces"][0]

    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert entry["state"] == "kept as a draft"
    assert "사진 자리" in " ".join(entry["notes"])
    todo = ArticleTodo.objects.get(article=article)
    assert todo.blocking and todo.data["credit"] == "연합뉴스"
    problems = services.publication_problems(article, archive=True)
    assert any("사진 자리" in problem for problem in problems)

    services.todo_done(todo=todo, user=superuser)
    assert not any("사진 자리" in problem for problem in services.publication_problems(article, archive=True))


@pytest.mark.django_db
def test_a_quote_without_a_speaker_gets_a_blocking_to_do(superuser):
    quote = ParsedQuote(
        key="q-2", text="도구일 뿐이다", language="ko", original_text="Just a tool", original_language="en"
    )
    write([piece(body=[QuoteBlock(quote)])], superuser, commit=True)

    article = Article.objects.get()
    todo = ArticleTodo.objects.get(article=article, kind="quote_speaker")
    assert todo.blocking
    assert Quote.objects.get().source.name == "화자 확인 필요"


@pytest.mark.django_db
def test_related_pointers_resolve_by_headline_or_become_to_dos(superuser):
    earlier = factories.make_article(headline="부산항 신항 개장")
    parsed = piece(related_headlines=["부산항 신항 개장", "없는 기사 제목"])
    write([parsed], superuser, commit=True)

    article = Article.objects.exclude(pk=earlier.pk).get()
    assert list(article.related_articles.all()) == [earlier]
    todo = ArticleTodo.objects.get(article=article, kind="related")
    assert "없는 기사 제목" in todo.message
    assert not todo.blocking


@pytest.mark.django_db
def test_one_bad_piece_is_reported_and_the_rest_go_on(superuser, photo_file):
    # Its text has an embed of nothing: the save refuses it, and what it would
    # have brought (a section of its own) is not left behind.
    broken = piece(
        source_id="https://old.example#102",
        section=("only-here", "한 번만"),
        body=[MarkdownBlock("본문.\n\n[[image:99999]]")],
        old_urls=["/?p=102"],
    )
    problem = ParseProblem(file="export.xml", position="item 9 (post 109)", message="unreadable body")
    good = piece(photo_file, source_id="https://old.example#103", content_hash="hash-3", old_urls=[])
    report = write([broken, problem, good], superuser, commit=True).as_json()

    actions = [entry["action"] for entry in report["pieces"]]
    assert actions == ["error", "error", "create"]
    assert report["pieces"][1]["position"] == "item 9 (post 109)"
    assert "99999" in report["pieces"][0]["error"]
    assert Article.objects.count() == 1
    assert not Section.objects.filter(slug="only-here").exists()


@pytest.mark.django_db(transaction=True)
def test_the_caches_hear_of_an_import_once(superuser, photo_file):
    class Given:
        total = 3

        def __iter__(self):
            class Source:
                namespace = ""
                label = "export.xml"

                def pieces(self):
                    for number in range(3):
                        yield piece(
                            photo_file if number == 0 else None,
                            source_id=f"https://old.example#{200 + number}",
                            content_hash=f"h{number}",
                            old_urls=[],
                        )

            return iter([Source()])

    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs["reason"])

    content_changed.connect(listener)
    try:
        run_import(Given(), user=superuser, commit=True, publish=True)
    finally:
        content_changed.disconnect(listener)

    assert Article.objects.filter(status=Status.PUBLISHED).count() == 3
    assert heard == ["import"]


@pytest.mark.django_db
def test_an_old_permalink_of_the_article_route_shape_reaches_the_right_piece(client, superuser, photo_file):
    # WordPress's /%year%/%monthnum%/%postname%/ has the shape of /<section>/<id>/<slug>/:
    # without the old addresses it would land on the unrelated article with that id.
    unrelated = factories.make_publishable(superuser)
    services.article_publish(article=unrelated, user=superuser)
    old = f"/2021/{unrelated.pk:02d}/port-automation/"
    write([piece(photo_file, old_urls=[old, "/?p=101"])], superuser, commit=True, publish=True)
    imported = Article.objects.get(headline="항만 자동화, 올해 안에 1단계 마친다")

    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == imported.get_absolute_url()
    assert client.get(old, follow=True).context["article"] == imported

    assert client.get("/?p=101")["Location"] == imported.get_absolute_url()
    # A WordPress address that matches no route here (with the day) is found too.
    write(
        [piece(photo_file, content_hash="hash-9", old_urls=["/2021/03/04/port-automation/"])],
        superuser,
        commit=True,
    )
    assert client.get("/2021/03/04/port-automation/")["Location"] == imported.get_absolute_url()
    # The unrelated article's own address still works.
    assert client.get(unrelated.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_an_editor_ticks_a_to_do_off_on_the_change_form(editor_client, editor, superuser):
    parsed = piece(
        todos=[Todo(TODO_PHOTO, "사진 자리: “현장” (뉴스1) — 사진 파일을 올려 주세요", blocking=True)],
        status="draft",
    )
    write([parsed], superuser, commit=True)
    article = Article.objects.get()
    url = reverse("admin:articles_article_change", args=[article.pk])

    page = editor_client.get(url).content.decode()
    assert "사진 자리: “현장” (뉴스1)" in page
    todo = ArticleTodo.objects.get()
    assert f'name="todo_done" value="{todo.pk}"' in page

    article.refresh_from_db()
    data = complete_form(article)
    data["todo_done"] = [str(todo.pk)]
    # Saved only: the lead image the piece lacks keeps it unpublished, not the form.
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    todo.refresh_from_db()
    assert todo.done_at is not None and todo.done_by == editor
    assert timezone.now() - todo.done_at < datetime.timedelta(minutes=1)


@pytest.mark.django_db
def test_a_re_import_never_republishes_a_piece_an_editor_took_down(superuser, photo_file):
    write([piece(photo_file)], superuser, commit=True, publish=True)
    article = Article.objects.get()
    services.article_unpublish(article=article, user=superuser, reason="법무 검토")

    changed = piece(photo_file, content_hash="hash-2", headline="원본에서 고친 제목")
    entry = write([changed], superuser, commit=True, publish=True).as_json()["pieces"][0]

    article.refresh_from_db()
    assert article.status == Status.UNPUBLISHED
    assert article.headline == "항만 자동화, 올해 안에 1단계 마친다"
    assert entry["action"] == "kept"
    assert "state changed in Newsroom" in entry["notes"][0]


@pytest.mark.django_db
def test_two_archives_with_the_same_file_names_never_overwrite_each_other(superuser):
    january = piece(source="text", source_id="0001.txt", file="0001.txt", headline="1월 기사", content_hash="jan")
    february = piece(source="text", source_id="0001.txt", file="0001.txt", headline="2월 기사", content_hash="feb")
    for parsed in (january, february):
        parsed.old_urls = []
    write([january], superuser, commit=True, namespace="articles/")
    entry = write([february], superuser, commit=True, namespace="articles/").as_json()["pieces"][0]

    assert sorted(Article.objects.values_list("headline", flat=True)) == ["1월 기사", "2월 기사"]
    assert entry["action"] == "create"
    assert "Another version of articles/0001.txt was imported before" in entry["notes"][0]


@pytest.mark.django_db
def test_the_same_words_in_two_pieces_are_two_quotes_each_with_its_speaker(superuser):
    words = {"text": "도구일 뿐이다", "language": "ko", "original_text": "Just a tool", "original_language": "en"}
    first = piece(body=[QuoteBlock(ParsedQuote(key="same", speaker="김하늘", **words))], old_urls=[])
    second = piece(
        source_id="https://old.example#300",
        content_hash="other",
        body=[QuoteBlock(ParsedQuote(key="same", speaker="박서연", **words))],
        old_urls=[],
    )
    write([first, second], superuser, commit=True)

    assert sorted(Quote.objects.values_list("source__name", flat=True)) == ["김하늘", "박서연"]


@pytest.mark.django_db
def test_an_old_address_of_a_piece_not_live_is_a_404_not_another_article(client, superuser, photo_file):
    unrelated = factories.make_publishable(superuser)
    services.article_publish(article=unrelated, user=superuser)
    old = f"/2021/{unrelated.pk:02d}/port-automation/"
    write([piece(photo_file, old_urls=[old, "/?p=101"])], superuser, commit=True)  # a draft

    assert client.get(old).status_code == 404
    assert client.get("/?p=101").status_code == 404
    # Published, the same addresses lead to it, with a campaign's parameters too.
    imported = Article.objects.get(headline="항만 자동화, 올해 안에 1단계 마친다")
    services.article_publish(article=imported, user=superuser)
    assert client.get(old)["Location"] == imported.get_absolute_url()
    assert client.get("/?p=101&utm_source=newsletter")["Location"] == imported.get_absolute_url()
