"""The desk at a newspaper's size: seed 100 000 articles, then time the desk's pages.

    DATABASE_URL=… .venv/bin/python bench/desk_bench.py seed --articles 100000
    DATABASE_URL=… .venv/bin/python bench/desk_bench.py measure --out bench/results/<id>/desk.md

``seed`` writes through ``bulk_seed_articles``, **the one exception to the one write
path** (DESIGN.md: everything else saves an article through ``article_save``): a
hundred thousand saves through the service would take hours here, and what this
bench measures is reading at that size. It makes the photos, sources, quotes,
sections, authors and users through the services, then bulk-creates the articles
with their bylines, tags and embed relations as ``article_save`` would leave them
(the body rendered once per body variant by the same ``markdown_to_html``),
statuses mixed as on a working desk: 85 % published, 7 % drafts spread over 30
reporters, 3 % in review, 3 % scheduled, 2 % unpublished.

``measure`` times each desk page in-process (Django's test client: server time,
no network) as an editor and as a reporter, ``REPS`` times after a warm-up, and
counts its SQL queries; it writes a Markdown table with the median and the 95th
percentile against the budgets of issue 10 (list ≤ 300 ms, autocomplete ≤ 100 ms,
preview refresh ≤ 150 ms).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, os.environ.get("NEWSROOM_BENCH_APP") or str(BENCH.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles import services  # noqa: E402
from articles.body import markdown_to_html  # noqa: E402
from articles.models import (  # noqa: E402
    Article,
    Author,
    Authorship,
    CopyrightNotice,
    EmbeddedImage,
    EmbeddedQuote,
    Quote,
    Section,
    Source,
    Status,
    TaggedArticle,
)
from articles.roles import EDITOR, REPORTER, setup_roles  # noqa: E402
from photos import services as photo_services  # noqa: E402
from photos.models import Image  # noqa: E402

BUDGETS_MS = {"list": 300, "autocomplete": 100, "preview": 150}
WORDS = [
    "반도체",
    "수출",
    "인공지능",
    "데이터센터",
    "전력",
    "규제",
    "연구소",
    "모델",
    "투자",
    "스타트업",
    "대학",
    "교육",
    "번역",
    "검증",
    "환경",
    "선거",
]
EN_WORDS = [
    "chips",
    "exports",
    "model",
    "council",
    "safety",
    "lab",
    "data",
    "power",
    "regulation",
    "startup",
    "tutors",
    "translation",
]


def jpeg(width, height, colour):
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def catalogue(rng):
    """Users, sections, authors, photos, sources and quotes, through the services."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    setup_roles()
    users = get_user_model().objects
    editor = users.filter(username="bench-editor").first() or users.create_user(
        "bench-editor", "bench-editor@example.org", "bench-pass-123", is_staff=True, first_name="편집", last_name="데"
    )
    editor.groups.add(Group.objects.get(name=EDITOR))
    # Sections, bylines and notices are the admin role's (the superuser).
    admin = users.filter(username="bench-admin").first() or users.create_superuser(
        "bench-admin", "bench-admin@example.org", "bench-pass-123"
    )
    reporters = []
    for i in range(30):
        user = users.filter(username=f"bench-reporter-{i}").first() or users.create_user(
            f"bench-reporter-{i}", f"r{i}@example.org", "bench-pass-123", is_staff=True
        )
        user.groups.add(Group.objects.get(name=REPORTER))
        reporters.append(user)
    sections = [
        services.section_save(section=Section(name=name, name_en=en, slug=en.lower(), position=i), user=admin)
        for i, (name, en) in enumerate([("경제", "Economy"), ("기술", "Tech"), ("국제", "World"), ("사회", "Society")])
    ]
    authors = [
        services.author_save(author=Author(name=f"기자{i}", slug=f"bench-author-{i}", user=reporters[i]), user=admin)
        for i in range(30)
    ]
    notice = services.copyright_notice_save(
        notice=CopyrightNotice(
            name="Bench",
            holder="뉴스룸 데일리",
            text_ko="저작권자 © {holder} 무단전재 및 재배포 금지",
            text_en="© {year} {holder}. All rights reserved.",
            is_default=True,
        ),
        user=admin,
    )
    images = []
    for i in range(50):
        data = jpeg(1600, 900, (i * 5 % 256, 90, 160))
        image = Image(alt_text=f"자료 사진 {i}", credit="본지DB" if i % 3 else "로이터")
        upload = SimpleUploadedFile(f"bench-{i}.jpg", data, content_type="image/jpeg")
        images.append(photo_services.image_save(image=image, user=editor, upload=upload))
    quotes = []
    for i in range(100):
        source = services.source_save(source=Source(name=f"Source {i}", kind=Source.Kind.PERSON), user=editor)
        quote = Quote(source=source, text=f"{rng.choice(WORDS)}에 대해 말했다 {i}.", medium=Quote.Medium.INTERVIEW)
        quotes.append(services.quote_save(quote=quote, user=editor))
    return editor, reporters, sections, authors, notice, images, quotes


def bulk_seed_articles(*, count, editor, reporters, sections, authors, images, quotes, rng, batch=2000):
    """**The one exception to the one write path**: articles bulk-created as
    ``article_save`` would leave them (slug, rendered body, bylines, tags, embed
    relations), for the desk bench only. Nothing else may write articles so."""
    now = timezone.now()
    variants = []
    for v in range(20):
        image, quote = images[v % len(images)], quotes[v % len(quotes)]
        body = (
            f"{' '.join(rng.choice(WORDS) for _ in range(40))}.\n\n"
            f"[[image:{image.pk}]]\n\n"
            f"{' '.join(rng.choice(WORDS) for _ in range(60))}.\n\n"
            f"[[quote:{quote.pk}]]\n\n"
            f"{' '.join(rng.choice(EN_WORDS) for _ in range(30))}.\n"
        )
        variants.append((body, markdown_to_html(body), image.pk, quote.pk))
    tag_names = [f"{word}{n}" for word in WORDS for n in range(10)]
    created = 0
    while created < count:
        size = min(batch, count - created)
        rows = []
        for i in range(created, created + size):
            roll = rng.random()
            owner = rng.choice(reporters)
            if roll < 0.85:
                status, publish_at = Status.PUBLISHED, now - timedelta(minutes=rng.randint(10, 2 * 365 * 24 * 60))
            elif roll < 0.92:
                status, publish_at = Status.DRAFT, None
            elif roll < 0.95:
                status, publish_at = Status.REVIEW, None
            elif roll < 0.98:
                status, publish_at = Status.SCHEDULED, now + timedelta(minutes=rng.randint(10, 14 * 24 * 60))
            else:
                status, publish_at = Status.UNPUBLISHED, now - timedelta(days=rng.randint(1, 700))
            body, html, _image, _quote = variants[i % len(variants)]
            headline = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}번째 기사… {rng.choice(WORDS)} 전망"
            rows.append(
                Article(
                    headline=headline,
                    dek=f"{rng.choice(WORDS)} {rng.choice(WORDS)}",
                    slug=f"bench-{i}",
                    section=rng.choice(sections),
                    language="ko",
                    body=body,
                    body_html=html,
                    lead_image=rng.choice(images),
                    created_by=owner,
                    status=status,
                    publish_at=publish_at,
                    first_published_at=publish_at if status == Status.PUBLISHED else None,
                    publication_count=1 if status in (Status.PUBLISHED, Status.UNPUBLISHED) else 0,
                )
            )
        with transaction.atomic():
            made = Article.objects.bulk_create(rows)
            owners = {author.user_id: author for author in authors}
            Authorship.objects.bulk_create(
                [Authorship(article=a, author=owners[a.created_by_id], position=0) for a in made]
            )
            EmbeddedImage.objects.bulk_create(
                [
                    EmbeddedImage(article=a, image_id=variants[(created + n) % len(variants)][2])
                    for n, a in enumerate(made)
                ]
            )
            EmbeddedQuote.objects.bulk_create(
                [
                    EmbeddedQuote(article=a, quote_id=variants[(created + n) % len(variants)][3])
                    for n, a in enumerate(made)
                ]
            )
            from taggit.models import Tag

            tags = {tag.name: tag for tag in Tag.objects.filter(name__in=tag_names)}
            missing = [Tag(name=name, slug=name) for name in tag_names if name not in tags]
            if missing:
                Tag.objects.bulk_create(missing)
                tags = {tag.name: tag for tag in Tag.objects.filter(name__in=tag_names)}
            TaggedArticle.objects.bulk_create(
                [TaggedArticle(content_object=a, tag=tags[name]) for a in made for name in rng.sample(tag_names, 3)]
            )
        created += size
        print(f"  {created}/{count} articles", flush=True)


def seed(args):
    rng = random.Random(args.seed)
    if Article.objects.exists():
        print(f"already seeded: {Article.objects.count()} articles")
        return
    started = time.monotonic()
    editor, reporters, sections, authors, _notice, images, quotes = catalogue(rng)
    bulk_seed_articles(
        count=args.articles,
        editor=editor,
        reporters=reporters,
        sections=sections,
        authors=authors,
        images=images,
        quotes=quotes,
        rng=rng,
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    print(f"seeded {args.articles} articles in {time.monotonic() - started:.0f} s")


def signed_in(username):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories import sign_in

    user = get_user_model().objects.get(username=username)
    if user.has_perm("articles.publish_article") and not TOTPDevice.objects.filter(user=user).exists():
        TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    return sign_in(Client(HTTP_HOST="localhost"), user)


def time_request(client, method, path, data, reps):
    call = getattr(client, method)
    for _ in range(2):  # warm-up: first-request imports, the content generation
        call(path, data) if data is not None else call(path)
    times, queries, status = [], 0, None
    for _ in range(reps):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = call(path, data) if data is not None else call(path)
            times.append((time.perf_counter() - started) * 1000)
        queries, status = len(captured), response.status_code
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "queries": queries,
        "status": status,
    }


def measure(args):
    import logging

    logging.getLogger("newsroom.request").setLevel(logging.WARNING)  # one line per request: not here
    editor = signed_in("bench-editor")
    reporter = signed_in("bench-reporter-0")
    article = Article.objects.filter(created_by__username="bench-reporter-0", status=Status.DRAFT).first()
    published = Article.objects.filter(status=Status.PUBLISHED).order_by("-publish_at").first()
    preview_form = {
        "headline": article.headline,
        "dek": article.dek,
        "slug": article.slug,
        "section": str(article.section_id),
        "language": "ko",
        "body": article.body,
        "lead_image": str(article.lead_image_id),
        "lead_image_caption": "",
        "tags": "반도체0, 수출1",
        "copyright_notice": "",
        "byline_override": "",
        "translation_of": "",
        "authorships-TOTAL_FORMS": "0",
        "authorships-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
    }
    autocomplete = "/admin/autocomplete/"
    related = {"app_label": "articles", "model_name": "article", "field_name": "related_articles"}
    section = {"app_label": "articles", "model_name": "article", "field_name": "section", "term": "경"}
    listing, pick, page = (
        "/admin/articles/article/",
        "/admin/articles/article/pick/",
        f"/admin/articles/article/{article.pk}/",
    )
    month = {
        "section__id__exact": str(article.section_id),
        "publish_at__year": str(published.publish_at.year),
        "publish_at__month": str(published.publish_at.month),
    }
    cases = [
        ("list", "article list (editor)", editor, "get", listing, None),
        ("list", "article list (reporter: no others' drafts)", reporter, "get", listing, None),
        ("list", "article list, search 반도체", editor, "get", listing, {"q": "반도체"}),
        ("list", "article list, status in review", editor, "get", listing, {"status__exact": "review"}),
        ("list", "article list, section + month", editor, "get", listing, month),
        ("list", "article list, page 150", editor, "get", listing, {"p": "150"}),
        ("autocomplete", "picker: articles 반도체", editor, "get", pick + "article/", {"q": "반도체"}),
        ("autocomplete", "picker: articles (reporter)", reporter, "get", pick + "article/", {"q": "수출 전망"}),
        ("autocomplete", "picker: photos 자료", editor, "get", pick + "image/", {"q": "자료"}),
        ("autocomplete", "picker: quotes 말했다", editor, "get", pick + "quote/", {"q": "말했다"}),
        ("autocomplete", "related articles autocomplete", editor, "get", autocomplete, {**related, "term": "반도체"}),
        ("autocomplete", "section autocomplete", editor, "get", autocomplete, section),
        ("list", "calendar (this week)", editor, "get", listing + "calendar/", None),
        ("list", "calendar (month)", editor, "get", listing + "calendar/", {"view": "month"}),
        ("list", "change form", reporter, "get", page + "change/", None),
        ("list", "my desk (editor)", editor, "get", "/admin/", None),
        ("list", "my desk (reporter)", reporter, "get", "/admin/", None),
        ("preview", "live preview refresh", reporter, "post", page + "preview/live/", preview_form),
        ("preview", "autosave", reporter, "post", page + "autosave/", preview_form),
    ]
    rows = []
    for budget, label, client, method, path, data in cases:
        result = time_request(client, method, path, data, args.reps)
        limit = BUDGETS_MS[budget]
        verdict = "PASS" if result["p95"] <= limit and result["status"] in (200, 302) else "MISS"
        rows.append((label, result, limit, verdict))
        print(f"{label:48} {result['median']:7.1f} ms  p95 {result['p95']:7.1f}  {result['queries']:3} q  {verdict}")
    lines = [
        f"# The desk at {Article.objects.count():,} articles ({connection.vendor})",
        "",
        f"Server time in-process (Django's test client), {args.reps} runs after 2 warm-ups; budgets of issue 10.",
        "",
        "| page | median ms | p95 ms | queries | budget ms | |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for label, result, limit, verdict in rows:
        lines.append(
            f"| {label} | {result['median']:.1f} | {result['p95']:.1f} | {result['queries']} | {limit} | {verdict} |"
        )
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed")
    seeding.add_argument("--articles", type=int, default=100_000)
    seeding.add_argument("--seed", type=int, default=20261206)
    measuring = commands.add_parser("measure")
    measuring.add_argument("--reps", type=int, default=15)
    measuring.add_argument("--out", default=str(BENCH / "results" / "desk.md"))
    args = parser.parse_args()
    {"seed": seed, "measure": measure}[args.command](args)


if __name__ == "__main__":
    main()
