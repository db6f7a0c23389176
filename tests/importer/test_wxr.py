"""The WordPress export reader (importer.wxr) and its body converter (importer.wpbody).

No database: the reader hands back plain records. The samples under
samples/wxr/ are written by hand for a paper that does not exist.
"""

import os
import time
import tracemalloc
from datetime import UTC, datetime
from html import escape, unescape
from pathlib import Path

import nh3
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from articles.body import EMBED_LIKE, markdown_to_html
from importer.parsed import (
    TODO_OTHER,
    TODO_PHOTO,
    MarkdownBlock,
    ParsedArticle,
    ParsedAuthor,
    ParsedPhoto,
    ParseProblem,
    PhotoBlock,
)
from importer.wpbody import BodyConverter, url_key
from importer.wxr import WxrError, WxrExport, is_wxr

SAMPLES = Path(__file__).parent / "samples" / "wxr"
HERALD = SAMPLES / "hanbit-herald.xml"
OLD_EXPORT = SAMPLES / "old-export-1.0.xml"


def _jpeg(path, colour="navy"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 6), colour).save(path, "JPEG")
    return path


@pytest.fixture
def uploads(tmp_path):
    """A WordPress uploads folder: two photos, the original of a "-scaled" one, a
    link that leads outside it, and a file next to it that an export must not reach."""
    folder = tmp_path / "site" / "uploads"
    _jpeg(folder / "2024/05/harbour-cranes.jpg")
    _jpeg(folder / "2024/05/night-market.jpg", "orange")
    _jpeg(folder / "2024/06/festival.jpg", "red")  # the export names festival-scaled.jpg
    outside = _jpeg(tmp_path / "outside.jpg", "black")
    (folder / "2024/05/city-hall.jpg").symlink_to(outside)
    _jpeg(tmp_path / "secret.jpg", "black")  # what "../../secret.jpg" would reach
    return folder


def _read(path=HERALD, **options):
    export = WxrExport(path, **options)
    pieces = list(export.articles())
    articles = {int(piece.source_id.rsplit("#", 1)[1]): piece for piece in pieces if isinstance(piece, ParsedArticle)}
    problems = [piece for piece in pieces if isinstance(piece, ParseProblem)]
    return export, articles, problems


def _markdown(article):
    return "\n\n".join(block.text for block in article.body if isinstance(block, MarkdownBlock))


def _photos(article):
    return [block.photo for block in article.body if isinstance(block, PhotoBlock)]


def _rendered_text(markdown):
    return " ".join(unescape(nh3.clean(markdown_to_html(markdown), tags=set())).split())


def _line_of_item(path, post_id):
    lines = path.read_text(encoding="utf-8").splitlines()
    found = next(number for number, line in enumerate(lines) if f"<wp:post_id>{post_id}</wp:post_id>" in line)
    return next(number for number in range(found, -1, -1) if lines[number].strip() == "<item>") + 1


# -- the file ----------------------------------------------------------------------


def test_a_wordpress_export_is_recognised_from_its_root(tmp_path):
    assert is_wxr(HERALD)
    assert is_wxr(OLD_EXPORT)
    # Refused later, with a reason, rather than taken for an article file.
    assert is_wxr(SAMPLES / "entity-bomb.xml")
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>A feed</title></channel></rss>')
    assert not is_wxr(feed)
    text = tmp_path / "story.txt"
    text.write_text("An export starts <rss xmlns:wp='http://wordpress.org/export/1.2/'>", encoding="utf-8")
    assert not is_wxr(text)
    assert not is_wxr(tmp_path)
    assert not is_wxr(tmp_path / "missing.xml")


def test_the_channel_gives_the_site_its_authors_and_categories():
    export = WxrExport(HERALD)
    assert export.site_url == "https://news.example.org"
    assert export.title == "The Hanbit Harbour Herald"
    assert export.authors["minji"] == ParsedAuthor(name="김민지", login="minji", email="minji@news.example.org")
    assert export.authors["jdoe"].name == "Jamie Doe"
    assert export.authors["deskeditor"].name == "Sam Park"  # no display name: first and last
    assert export.categories == {
        "uncategorized": "Uncategorized",
        "local": "Local News",
        "culture": "Culture & Arts",
        "정치": "정치",
    }
    assert export.post_count == 7
    assert export.skipped == {"page": 1, "post (trash)": 1, "revision": 1, "nav_menu_item": 1, "guest-author": 1}


def test_each_photo_carries_the_credit_from_where_wordpress_kept_it():
    photos = WxrExport(HERALD).attachments
    # image metadata "credit"
    assert photos[101].credit == "Jane Doe/Reuters"
    assert (photos[101].creator, photos[101].copyright_holder) == ("", "")
    assert photos[101].caption == "Cranes at the harbour at dusk."
    assert photos[101].alt_text == "Three cranes against an orange sky"
    assert photos[101].original_url == "https://news.example.org/wp-content/uploads/2024/05/harbour-cranes.jpg"
    assert photos[101].key == "wp:101"
    # image metadata "copyright" only
    assert photos[102].credit == "© 한빛일보"
    assert photos[102].copyright_holder == "© 한빛일보"
    assert photos[102].alt_text == "시청 건물 정면"
    # Newspack's media credit wins; the camera's own credit names the photographer
    night = photos[103]
    assert night.credit == "Kim Min-ji"
    assert night.creator == "KMJ"
    assert night.source_url == "https://news.example.org/author/minji/"
    assert night.copyright_holder == "The Hanbit Harbour Herald"
    assert night.caption == "Stalls at the night market."  # the excerpt, not the description
    # none at all
    assert (photos[104].credit, photos[104].caption, photos[104].alt_text) == ("", "", "")
    assert photos[105].credit == "Lee Su-jin"


def test_broken_or_dangerous_metadata_is_ignored_for_that_photo_only():
    export = WxrExport(HERALD)
    assert export.attachments[106].credit == ""  # a string cut short
    assert export.attachments[107].credit == ""  # a PHP object is never built ("Evil")
    assert export.broken_metadata == [106, 107]
    assert export.attachments[105].credit == "Lee Su-jin"  # the others are read


def test_photo_files_are_found_in_the_uploads_folder_and_never_outside_it(uploads):
    photos = WxrExport(HERALD, uploads_dir=uploads).attachments
    assert photos[101].path == (uploads / "2024/05/harbour-cranes.jpg").resolve()
    assert photos[103].path == (uploads / "2024/05/night-market.jpg").resolve()
    assert photos[105].path == (uploads / "2024/06/festival.jpg").resolve()  # the original of -scaled
    assert photos[102].path is None  # a link to a file outside the folder
    assert photos[104].path is None  # not in the folder
    assert photos[106].path is None  # "../../secret.jpg"
    assert photos[107].path is None  # "/etc/hostname"
    assert all(photo.path is None for photo in WxrExport(HERALD).attachments.values())


# -- the posts ---------------------------------------------------------------------


def test_only_posts_are_read_with_their_status():
    _, articles, problems = _read()
    assert sorted(articles) == [201, 202, 203, 204, 207, 212]
    assert [problem.source_id for problem in problems] == ["https://news.example.org#206"]
    statuses = {pk: article.status for pk, article in articles.items()}
    assert statuses == {
        201: "published",
        202: "published",
        203: "published",
        204: "draft",
        207: "draft",  # pending
        212: "draft",  # private
    }
    assert all(article.source == "wordpress" and article.file == "hanbit-herald.xml" for article in articles.values())
    assert articles[201].source_id == "https://news.example.org#201"


def test_a_broken_post_is_reported_where_it_is_and_the_rest_are_read():
    _, articles, problems = _read(file_label="exports/herald.xml")
    [problem] = problems
    line = _line_of_item(HERALD, 206)
    assert problem.position == f"item 13 (post 206, line {line})"
    assert problem.file == "exports/herald.xml"
    assert "A post damaged by a broken plugin" in problem.message
    assert "nested too deeply" in problem.message
    assert {207, 212} <= set(articles)  # read after it
    assert articles[207].position == f"item 14 (post 207, line {_line_of_item(HERALD, 207)})"


def test_a_classic_post():
    _, articles, _ = _read()
    post = articles[201]
    assert post.headline == "Harbour cranes return to work after the storm"
    assert post.dek == "The container harbour reopened four days after the storm."
    assert post.language == "en"
    assert post.slug == "harbour-cranes-return"
    assert post.published_at == datetime(2024, 5, 2, 4, 30, tzinfo=UTC)
    assert post.modified_at == datetime(2024, 5, 3, 0, 15, tzinfo=UTC)
    assert post.authors == [ParsedAuthor(name="Jamie Doe", login="jdoe", email="jamie.doe@news.example.org")]
    assert post.section == ("local", "Local News")  # Uncategorized came first: it is no section
    assert post.tags == ["harbour", "storm"]
    assert post.old_urls == ["/2024/05/harbour-cranes-return/", "/?p=201"]
    assert len(post.content_hash) == 64


def test_a_classic_post_gets_its_paragraphs_from_blank_lines():
    _, articles, _ = _read()
    text = _markdown(articles[201])
    assert (
        "tore the roof off the customs shed.\n\nDock workers said the first ships were unloaded by noon.  \n"
        "The night shift starts again on Wednesday.\n\n## What the port authority said\n\n"
    ) in text
    html = markdown_to_html(text)
    assert "<p>The container harbour reopened on Monday" in html
    assert "unloaded by noon.<br>\nThe night shift" in html
    assert "<h2>What the port authority said</h2>" in html  # the <h1> is a subhead
    assert "<li>Berth 5: closed until June</li>" in html


def test_a_classic_posts_caption_shortcode_is_a_photo_with_its_own_caption():
    export, articles, _ = _read()
    post = articles[201]
    first = post.body[0]
    assert isinstance(first, PhotoBlock)
    assert first.photo.key == "wp:101"
    assert first.photo.caption == "The cranes were back at work on Monday morning."
    assert first.photo.credit == "Jane Doe/Reuters"
    assert first.photo.alt_text == "Three cranes against an orange sky"
    assert export.attachments[101].caption == "Cranes at the harbour at dusk."  # the library's own is untouched


def test_a_classic_posts_featured_image_links_images_and_leftovers():
    _, articles, _ = _read()
    post = articles[201]
    assert post.lead_photo.key == "wp:103"
    assert post.lead_photo.credit == "Kim Min-ji"
    assert "featured image #103" in post.recognised
    assert "photo #103: credit “Kim Min-ji” from Newspack media credit" in post.recognised
    assert "photo #101: credit “Jane Doe/Reuters” from image metadata credit" in post.recognised
    # An image without its class is found by its address, whatever size WordPress served.
    assert [photo.key for photo in _photos(post)] == ["wp:101", "wp:104"]
    assert _photos(post)[1].alt_text == "The river walk by the harbour"  # from the <img>: the library had none
    text = _markdown(post)
    assert "[April storm warning](https://news.example.org/2024/04/storm-warning/)" in text
    assert "[the full statement](https://port.example.net/statement)" in text
    assert "javascript" not in text and "or this trick link." in text
    assert "[tips@news.example.org](mailto:tips@news.example.org)" in text
    assert "alert" not in text and "<" not in text.replace("&lt;", "")
    assert "[Editor's note: an earlier version misnamed the berths.]" in text
    todos = {(todo.kind, todo.message) for todo in post.todos}
    assert (
        TODO_PHOTO,
        "An image from https://cdn.example.net/photos/missing-photo.jpg was not in the export: "
        "it was left out of the text.",
    ) in todos
    assert (TODO_OTHER, "An embedded frame (https://www.youtube.com/embed/abc123) was left out.") in todos
    assert (TODO_OTHER, "The [contact-form-7] shortcode was removed; its text, if any, was kept.") in todos
    assert not any(todo.blocking for todo in post.todos)


def test_text_that_looks_like_markdown_or_an_embed_stays_text():
    _, articles, _ = _read()
    text = _markdown(articles[201])
    assert not any(EMBED_LIKE.match(line) for line in text.splitlines())
    rendered = _rendered_text(text)
    assert "[[image:5]]" in rendered
    assert 'repairs would cost "about *two* million"' in rendered
    html = markdown_to_html(text)
    assert "<p>1. Not a list: the figure in the statement is an estimate.</p>" in html


def test_a_block_post():
    _, articles, _ = _read()
    post = articles[202]
    assert post.dek == "Forty stalls, and queues until midnight"  # Newspack's subtitle
    assert post.section == ("culture", "Culture & Arts")
    assert post.tags == ["night market"]
    assert post.authors[0].name == "김민지"
    kinds = [
        ("photo", block.photo.key, block.photo.caption) if isinstance(block, PhotoBlock) else ("text",)
        for block in post.body
    ]
    assert kinds == [
        ("text",),
        ("photo", "wp:103", "Opening night drew long queues."),
        ("text",),
        ("photo", "wp:101", "The market sits under the cranes."),
        ("photo", "wp:102", "한빛시청 전경."),  # no caption of its own: the library's
        ("text",),
    ]
    assert "block editor post" in post.recognised
    assert "3 photos in the text" in post.recognised
    html = markdown_to_html(_markdown(post))
    assert "<h2>What is on sale</h2>" in html
    assert "<li>paper ones</li>" in html and html.index("<ul>") < html.index("<li>paper ones</li>")
    assert "<p>Around the market.</p>" in html  # the gallery's caption stays with the text
    assert "<blockquote>\n<p>We sold out by nine.</p>" in html
    assert "wp:" not in _markdown(post)
    todos = [todo.message for todo in post.todos]
    assert "The featured image #999 was not in the export." in todos
    assert post.lead_photo is None
    assert any("youtube.com/watch?v=xyz789 is now a plain link" in message for message in todos)
    assert any("newspack-blocks/homepage-articles" in message for message in todos)


def test_a_korean_post():
    _, articles, _ = _read()
    post = articles[203]
    assert post.language == "ko"
    assert post.slug == "한빛시-야시장-연장"
    assert post.section == ("정치", "정치")
    assert post.tags == ["야시장"]
    assert post.old_urls[0] == "/2024/05/%ed%95%9c%eb%b9%9b%ec%8b%9c-%ec%95%bc%ec%8b%9c%ec%9e%a5-%ec%97%b0%ec%9e%a5/"
    first, photo, rest = post.body
    assert first.text == "[서울=한빛일보] 한빛시가 부두 야시장을 8월 말까지 연장 운영하기로 했다."
    assert photo.photo.key == "wp:102"
    assert photo.photo.caption == "20일 연장 운영을 발표한 한빛시청."
    assert photo.photo.credit == "© 한빛일보"
    assert rest.text.endswith("### 교통 대책\n\n시는 주말마다 임시 버스를 운행한다.")


def test_a_draft_has_no_date_and_no_section():
    _, articles, _ = _read()
    draft = articles[204]
    assert draft.status == "draft"
    assert draft.published_at is None  # "0000-00-00 00:00:00", and no pubDate of year -1
    assert draft.section is None  # only Uncategorized
    assert draft.slug == ""
    assert draft.old_urls == ["/?p=204"]
    assert draft.authors[0].name == "Sam Park"
    assert _markdown(draft) == "Notes for the council budget story.\n\nTo be checked with the treasurer."


def test_co_authors_and_a_gallery_of_the_posts_own_photos():
    _, articles, _ = _read()
    post = articles[207]
    assert post.authors == [
        ParsedAuthor(name="Alex Guest", login="guest-writer", email="alex.guest@example.net"),
        ParsedAuthor(name="Jamie Doe", login="jdoe", email="jamie.doe@news.example.org"),
    ]
    assert post.lead_photo.key == "wp:105"
    # [gallery]: the photos attached to the post, in their order; then [gallery ids="105,101"].
    assert [photo.key for photo in _photos(post)] == ["wp:105", "wp:104", "wp:105", "wp:101"]


def test_an_old_export_in_the_first_format():
    export, articles, problems = _read(OLD_EXPORT)
    assert problems == []
    assert export.site_url == "http://gazette.example.org/news"
    assert export.categories == {"harbour": "Harbour"}
    assert export.attachments[31].caption == "The morning ferry."
    post = articles[32]
    assert post.headline == "새 여객선 시간표"
    assert post.slug == "여객선"
    assert post.published_at == datetime(2010, 2, 2, 3, 0, tzinfo=UTC)  # no post_date_gmt: pubDate
    assert post.authors == [ParsedAuthor(name="editor", login="editor")]  # no <wp:author> for them
    assert post.section == ("harbour", "Harbour")
    assert post.tags == ["ferry"]
    assert post.old_urls == ["/news/?p=32"]
    text, photo, after = post.body
    assert text.text == "3월부터 여객선이 하루 네 번 다닌다.  \n첫 배는 오전 7시에 떠난다."
    assert photo.photo.key == "wp:31"
    assert photo.photo.alt_text == "여객선"
    assert after.text == "자세한 시간표는 항만 사무소에 붙어 있다."


def test_odd_posts(tmp_path):
    def item(post_id, title, status, password=""):
        return (
            f"<item><title>{title}</title><link>https://odd.example/?p={post_id}</link><dc:creator>ed</dc:creator>"
            "<content:encoded><![CDATA[Text.]]></content:encoded>"
            f"<wp:post_id>{post_id}</wp:post_id><wp:status>{status}</wp:status><wp:post_type>post</wp:post_type>"
            f"<wp:post_password>{password}</wp:post_password></item>\n"
        )

    path = tmp_path / "odd.xml"
    path.write_text(
        EXPORT_HEAD
        + item(1, "Members only", "publish", password="secret")
        + item(2, "", "draft")
        + item(3, "Pitched", "pitch")  # a status of an editorial-workflow plugin
        + item("x4", "Damaged id", "publish")
        + item(5, "Gone", "auto-draft")
        + "</channel></rss>",
        encoding="utf-8",
    )
    export, articles, problems = _read(path)
    assert export.post_count == 4
    assert articles[1].status == "draft"
    assert "password-protected" in articles[1].todos[0].message
    [headline] = articles[2].todos
    assert headline.blocking and "no title" in headline.message
    assert articles[3].status == "draft"
    assert "WordPress status “pitch” read as a draft" in articles[3].recognised
    [problem] = problems
    assert problem.position.startswith("item 4 (post x4, line ")
    assert "“Damaged id” could not be converted: its post id “x4” is not a number" in problem.message


# -- refused files ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["entity-bomb.xml", "external-entity.xml"])
def test_entities_are_refused_before_anything_is_expanded(name):
    tracemalloc.start()
    try:
        with pytest.raises(WxrError, match="document type") as refused:
            WxrExport(SAMPLES / name)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert name in str(refused.value)
    assert "root:" not in str(refused.value)
    assert peak < 2 * 2**20


def test_a_malformed_file_is_refused_with_its_line(tmp_path):
    broken = tmp_path / "broken.xml"
    lines = HERALD.read_text(encoding="utf-8").splitlines()
    lines[40] = "<title>Unclosed & broken</titel>"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(WxrError, match=r"broken.xml is not well-formed XML: .* at line 41, column"):
        WxrExport(broken)


def test_xml_that_is_not_an_export_is_refused(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>x</title></item></channel></rss>')
    with pytest.raises(WxrError, match="not a WordPress export"):
        WxrExport(feed)


# -- memory ---------------------------------------------------------------------------

EXPORT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Big</title><link>https://big.example.org</link>
"""
READER_COMMENT = (
    "<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_content><![CDATA["
    + "A long reader comment. " * 100
    + "]]></wp:comment_content></wp:comment>"
)


def _big_item(number):
    if number % 10:
        body = f"Post {number}, first paragraph.\n\nSecond paragraph."
    else:
        body = f'<p>Post <em>{number}</em>.</p><img src="https://big.example.org/x-{number}.jpg">'
    return (
        f"<item><title>Post {number}</title><link>https://big.example.org/{number}/</link><dc:creator>w</dc:creator>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<wp:post_id>{number}</wp:post_id><wp:post_date_gmt>2024-01-01 00:00:00</wp:post_date_gmt>"
        f"<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>{READER_COMMENT}</item>\n"
    )


def test_memory_stays_flat_however_long_the_export(tmp_path):
    path = tmp_path / "big.xml"
    with open(path, "w", encoding="utf-8") as out:
        out.write(EXPORT_HEAD)
        for number in range(1, 5001):
            out.write(_big_item(number))
        out.write("</channel></rss>\n")
    size = os.path.getsize(path)
    assert size > 12 * 2**20
    started = time.monotonic()
    tracemalloc.start()
    try:
        export = WxrExport(path)
        count = 0
        for piece in export.articles():
            assert isinstance(piece, ParsedArticle)
            count += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == export.post_count == 5000
    assert peak < 10 * 2**20, f"peak {peak / 2**20:.1f} MB for a {size / 2**20:.0f} MB export"
    assert time.monotonic() - started < 30


# -- the body converter ---------------------------------------------------------------


@pytest.fixture
def converter():
    photos = {
        7: ParsedPhoto(
            key="wp:7",
            caption="Library caption",
            credit="AP",
            original_url="https://site.example/wp-content/uploads/2023/01/boat.jpg",
        )
    }
    return BodyConverter(
        attachments=photos,
        by_url={url_key(photos[7].original_url): 7},
        site_url="https://site.example",
        reusable_blocks={40: "Support our journalism"},
    )


def _kinds(body):
    return [
        ("photo", block.photo.key, block.photo.caption) if isinstance(block, PhotoBlock) else ("text", block.text)
        for block in body.blocks
    ]


def test_url_keys_ignore_sizes_hosts_and_encoding():
    key = url_key("https://site.example/wp-content/uploads/2023/01/boat.jpg")
    assert key == "2023/01/boat.jpg"
    assert url_key("https://cdn.example.net/site.example/wp-content/uploads/2023/01/boat-1024x683.jpg?w=2") == key
    assert url_key("/wp-content/uploads/2023/01/boat-scaled.jpg") == key
    assert url_key("http://old.example/files/2023/01/boat-300x200.jpg") == key


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # the old caption shortcode, with the caption in an attribute
        (
            '[caption id="attachment_7" caption="Old style"]<img src="x.jpg" />[/caption]',
            [("photo", "wp:7", "Old style")],
        ),
        # an image at the start of a paragraph goes before it, one inside goes after it
        (
            '<p><img class="wp-image-7" src="a.jpg"> Boats in the bay.</p>',
            [("photo", "wp:7", "Library caption"), ("text", "Boats in the bay.")],
        ),
        (
            '<p>Boats in the bay <img class="wp-image-7" src="a.jpg"> at dawn.</p>',
            [("text", "Boats in the bay at dawn."), ("photo", "wp:7", "Library caption")],
        ),
        # the block's id when the image lacks its class; a lazy-loaded image by its real address
        (
            '<!-- wp:image {"id":7} --><figure class="wp-block-image"><img src="x.jpg"/>'
            "<figcaption>From the block</figcaption></figure><!-- /wp:image -->",
            [("photo", "wp:7", "From the block")],
        ),
        (
            '<p><img src="data:image/gif;base64,R0lGOD" data-src="https://site.example/wp-content/uploads/2023/01/'
            'boat-768x512.jpg"></p>',
            [("photo", "wp:7", "Library caption")],
        ),
        # shortcodes: written out, enclosing (text kept), embed
        ("<p>Type [[gallery]] to show photos.</p>", [("text", "Type [gallery] to show photos.")]),
        ('[pullquote align="left"]Said and done.[/pullquote]', [("text", "Said and done.")]),
        (
            "[embed]https://vimeo.com/123[/embed]",
            [("text", "[https://vimeo.com/123](https://vimeo.com/123)")],
        ),
        # headings, nested lists, code, strike, superscript
        ("<h1>Big</h1><h4>Small</h4>", [("text", "## Big\n\n#### Small")]),
        (
            "<ol><li>One<ul><li>sub</li></ul></li><li>Two</li></ol>",
            [("text", "1. One\n    - sub\n2. Two")],
        ),
        ("<pre>a = 1\n\n[[x:y]]</pre>", [("text", "    a = 1\n\n    \\[\\[x:y]]")]),
        ("<p>E = mc<sup>2</sup>, <del>old</del></p>", [("text", "E = mc<sup>2</sup>, <s>old</s>")]),
        # text that would be markup
        (
            "<p>&lt;script&gt; &amp;copy; 5 * 3 _x_ `y`</p>",
            [("text", "&lt;script> &amp;copy; 5 \\* 3 \\_x\\_ \\`y\\`")],
        ),
        ("<p>[x]: https://example.com/</p>", [("text", "[x&#93;: https://example.com/")]),
    ],
)
def test_bodies(converter, html, expected):
    assert _kinds(converter.convert(html)) == expected


def test_what_cannot_come_along_is_left_as_a_todo(converter):
    body = converter.convert(
        '<p><img src="data:image/png;base64,AAAA"></p>'
        '<p><img class="wp-image-99" src="https://site.example/wp-content/uploads/2020/01/gone.jpg"></p>'
        "<table><tr><th>a</th></tr><tr><td>1</td></tr></table>"
        '<!-- wp:block {"ref":40} /-->'
        '[audio src="https://site.example/a.mp3"]'
        "<video src='https://site.example/v.mp4'></video>"
    )
    messages = [todo.message for todo in body.todos]
    assert messages == [
        "A [audio] shortcode (https://site.example/a.mp3) was left out: add it again if it matters.",
        "A reusable block #40 “Support our journalism” was left out: add its text if it belongs here.",
        "A video (https://site.example/v.mp4) was left out.",
        "An image pasted into the text (a data: address) was left out.",
        "Image #99 (https://site.example/wp-content/uploads/2020/01/gone.jpg) was not in the export: "
        "it was left out of the text.",
        "A table (2 rows) is written as a Markdown table, which the site shows as plain text: check it.",
    ]
    assert body.todos[4].data["attachment_id"] == 99
    assert not any(todo.blocking for todo in body.todos)
    assert _kinds(body) == [("text", "| a |\n| --- |\n| 1 |")]


TEXT_PIECES = st.sampled_from(
    [
        *'ab 1.#>-+*_`[]()!<&;=|~\\:{}"\n',
        "&amp;",
        "&lt;",
        "&copy;",
        "&#1",
        "[[image:1]]",
        "1. ",
        "- ",
        "# ",
        "==",
        "---",
    ]
)


@settings(
    max_examples=400, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    text=st.lists(TEXT_PIECES, min_size=1, max_size=25).map("".join),
    where=st.sampled_from(["p", "h2", "li", "blockquote", "a", "strong", "classic"]),
)
def test_any_text_reads_the_same_once_rendered_by_the_site(text, where):
    """Whatever an author typed (Markdown's marks, "<", entities, an embed line)
    is what a reader sees after the site renders the stored Markdown."""
    wanted = " ".join(text.split())
    if where == "li":
        html = f"<ul><li>{escape(text)}</li></ul>"
    elif where == "a":
        html = f'<p><a href="https://x.example/a_(b)">{escape(text)}</a></p>'
    elif where == "strong":
        html, wanted = f"<p>x <strong>{escape(text)}</strong> y</p>", f"x {wanted} y".replace("x  y", "x y")
    elif where == "classic":
        html = escape(text)
    else:
        html = f"<{where}>{escape(text)}</{where}>"
    body = BodyConverter(attachments={}).convert(html)
    markdown = "\n\n".join(block.text for block in body.blocks)
    assert not any(EMBED_LIKE.match(line) for line in markdown.splitlines())
    assert _rendered_text(markdown) == " ".join(wanted.split())


@settings(
    max_examples=200, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.sampled_from([*"ab 1.#>-+*_`()!;=|~\\:{}\n\t\xa0", "\n\n", "1. ", "- ", "한글"]), max_size=30))
def test_plain_text_takes_a_shortcut_to_the_same_markdown(pieces):
    text = "".join(pieces)
    converter = BodyConverter(attachments={})
    assert _kinds(converter.convert(text)) == _kinds(converter.convert(text, plain_path=False))
