"""Seed N published articles with the data shape of the Wagtail peer (../shared/peers/README.md).

    DJANGO_SETTINGS_MODULE=newsroom.settings DATABASE_URL=… .venv/bin/python bench/seed.py \
        --articles 10000 [--images 50] [--tags 200] [--seed 20260101] [--out-dir bench/var/urls]

Each article: ~850 words in 8 Markdown paragraphs (2 of them Korean, one with a link, half of
the English ones ending in bold), 20 % Korean headlines (all articles are in the Korean edition,
``language="ko"``, so its home page lists them all, as the peer's news index does), 2 inline
photos (``[[image:ID]]``) and 1 quote (``[[quote:ID]]``, a source with role and link; 30 % are
Korean translations printed beside the English original), 3–5 tags out of 200 (50 Korean), a
lead photo out of 50 generated 1600×900 JPEGs, 1–2 bylines out of 12 authors, one of 6
sections, published at a time spread over the two years before now.

Made as the desk makes them, through the services (no second copy of what a save does): the
photos through ``image_save`` (checks, private original, renditions), each quote through
``quote_save``, each article through ``article_save`` (validated, body rendered, bylines, tags
and embeds kept, a revision recorded) and ``article_publish`` at its publication time; one
transaction per ``--batch``. Deterministic: article i comes from ``random.Random(f"{seed}-{i}")``.

Expects a database without articles (``--reset`` deletes the bench's articles first); with
exactly N articles present it only rewrites the URL files. Writes to ``--out-dir``:
single.txt (one article path), urls.txt (200 random article paths, for wrk's rotating-URL
script), pages.tsv (name and path of every page the bench measures).
"""

import argparse
import contextlib
import io
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote as urlquote

BENCH = Path(__file__).resolve().parent
# The project: the copy run.sh serves (NEWSROOM_BENCH_APP), else the tree this file is in.
sys.path.insert(0, os.environ.get("NEWSROOM_BENCH_APP") or str(BENCH.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, F  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from PIL import ImageDraw, ImageFilter, ImageOps  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles import services  # noqa: E402
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
    TaggedArticle,
)
from photos import services as photo_services  # noqa: E402
from photos.models import Image  # noqa: E402

# -- The words (the peer's, so both sites carry the same text) --------------------------

EN_TEXT = (
    "government officials said the new policy would affect thousands of residents across "
    "the region after months of debate in parliament where lawmakers clashed over budget "
    "priorities housing costs energy prices and the future of public transport while "
    "analysts warned that inflation could slow growth next year unless the central bank "
    "acts quickly to stabilize markets investors welcomed the decision but critics argued "
    "that small businesses workers and families would bear the burden the minister told "
    "reporters on Tuesday that the plan includes tax relief for low income households new "
    "funding for hospitals schools and climate programs and stricter rules for technology "
    "companies operating in the country according to documents reviewed by our newsroom "
    "the proposal was drafted in secret meetings with industry groups union leaders said "
    "they would organize protests if the measures pass without changes opposition parties "
    "demanded a full inquiry into the spending police confirmed that the investigation is "
    "ongoing and that no arrests have been made so far witnesses described scenes of chaos "
    "at the station as commuters waited for hours in the rain local authorities promised "
    "to publish a detailed report by the end of the month experts noted that similar "
    "reforms in other countries produced mixed results researchers at the university "
    "found evidence that the program reduced emissions by nearly twenty percent over five "
    "years the company reported record quarterly profits driven by strong demand for "
    "semiconductors and cloud services shares rose sharply in early trading election "
    "officials expect high turnout as voters head to the polls on Sunday"
)
EN_WORDS = EN_TEXT.split()

KO_TEXT = (
    "정부는 이날 발표한 대책에서 주거 안정과 물가 관리를 최우선 과제로 제시했다 "
    "전문가들은 금리 인상이 가계 부채에 미칠 영향을 우려하며 신중한 접근이 필요하다고 "
    "지적했다 서울시는 대중교통 요금 조정안을 다음 달 시의회에 제출할 예정이다 "
    "반도체 수출은 전년 대비 크게 늘어 무역수지 개선에 기여한 것으로 나타났다 "
    "야당은 예산안 심사 과정에서 투명성을 높여야 한다며 국정조사를 요구했다 "
    "현장에 있던 시민들은 갑작스러운 정전으로 큰 혼란을 겪었다고 전했다 "
    "교육부는 내년부터 새로운 교육과정을 전국 초등학교에 단계적으로 도입한다고 밝혔다 "
    "기후 변화에 대응하기 위한 국제 협력의 중요성이 그 어느 때보다 커지고 있다 "
    "경찰은 사고 원인을 조사하고 있으며 추가 피해는 확인되지 않았다고 설명했다 "
    "업계 관계자는 인공지능 기술이 산업 전반의 생산성을 끌어올릴 것으로 기대한다고 말했다"
)
KO_WORDS = KO_TEXT.split()

EN_TAGS = [
    "Politics", "Economy", "Technology", "Climate", "Health", "Education", "Sports",
    "Culture", "Housing", "Transport", "Energy", "Labor", "Trade", "Defense", "Diplomacy",
    "Courts", "Crime", "Science", "Space", "Media", "Finance", "Markets", "Startups", "AI",
    "Semiconductors", "Agriculture", "Tourism", "Film", "Music", "Books",
]  # fmt: skip
EN_QUAL = ["", " Policy", " Analysis", " Local", " World"]
KO_TAGS = [
    "정치", "경제", "사회", "국제", "문화", "스포츠", "과학", "기술", "환경", "교육",
    "부동산", "노동", "외교", "국방", "보건", "금융", "증시", "반도체", "인공지능", "선거",
]  # fmt: skip
KO_QUAL = ["", " 현장", " 분석"]

FIRST = ["Anna", "James", "Maria", "David", "Sofia", "Daniel", "Laura", "Michael", "Emma",
         "Chris", "Hannah", "Lucas", "Grace", "Noah", "Olivia", "Ethan"]  # fmt: skip
LAST = ["Kim", "Park", "Lee", "Choi", "Smith", "Garcia", "Müller", "Rossi", "Nguyen",
        "Johnson", "Tanaka", "Silva", "Brown", "Jung", "Kang", "Yoon"]  # fmt: skip
KO_NAMES = ["김민준", "이서연", "박지훈", "최수아", "정하늘", "강도윤", "윤서진", "장예린"]

SECTIONS = [  # slug, Korean name, English name
    ("politics", "정치", "Politics"),
    ("economy", "경제", "Economy"),
    ("society", "사회", "Society"),
    ("world", "국제", "World"),
    ("tech", "기술", "Technology"),
    ("culture", "문화", "Culture"),
]
AUTHORS = 12
SOURCES = 100
#: The search the bench measures: a Korean word that sits inside longer phrases of the bodies.
SEARCH_QUERY = "반도체"
MARK = "bench-seed"  # on the users, sources and notice this script makes


def en_sentence(rng, lo=12, hi=22):
    words = [rng.choice(EN_WORDS) for _ in range(rng.randint(lo, hi))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def ko_sentence(rng, lo=8, hi=14):
    return " ".join(rng.choice(KO_WORDS) for _ in range(rng.randint(lo, hi))) + "."


def paragraph(rng, korean, target_words=100, link=False):
    """One Markdown paragraph of about ``target_words`` words."""
    out, n = [], 0
    while n < target_words:
        sentence = ko_sentence(rng) if korean else en_sentence(rng)
        n += len(sentence.split())
        out.append(sentence)
    if link:
        report = f"https://example.org/reports/{rng.randint(1000, 99999)}"
        out.insert(1, f"[The full report]({report}) was published online.")
    if not korean and rng.random() < 0.5:
        out[-1] = f"**{out[-1]}**"
    return " ".join(out)


def person(rng):
    if rng.random() < 0.25:
        return rng.choice(KO_NAMES)
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def make_photo(rng, w=1600, h=900):
    """A 1600×900 JPEG that compresses like a photo (the peer's generator)."""
    c1 = tuple(rng.randrange(256) for _ in range(3))
    c2 = tuple(rng.randrange(256) for _ in range(3))
    img = ImageOps.colorize(PILImage.linear_gradient("L").resize((w, h)), c1, c2)
    draw = ImageDraw.Draw(img)
    for _ in range(60):
        x0, y0 = rng.randrange(w), rng.randrange(h)
        x1, y1 = x0 + rng.randrange(20, 500), y0 + rng.randrange(20, 400)
        fill = tuple(rng.randrange(256) for _ in range(3))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x0, y0, x1, y1), fill=fill)
    img = img.filter(ImageFilter.GaussianBlur(3))
    noise = PILImage.effect_noise((w, h), 60).convert("RGB")
    img = PILImage.blend(img, noise, 0.10)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return buf.getvalue()


class Progress:
    """A progress bar on stderr (a plain line per update when stderr is not a terminal)."""

    def __init__(self, label, total, width=30):
        self.label, self.total, self.width = label, max(total, 1), width
        self.started = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.last_line = 0.0

    def update(self, done):
        elapsed = time.monotonic() - self.started
        now = time.monotonic()
        if not self.tty and done < self.total and now - self.last_line < 5:
            return
        self.last_line = now
        fraction = min(done / self.total, 1.0)
        rate = done / elapsed if elapsed > 0 else 0.0
        eta = (self.total - done) / rate if rate > 0 else 0.0
        bar = "#" * int(fraction * self.width)
        line = (
            f"{self.label:<9} [{bar:<{self.width}}] {done}/{self.total} {fraction:4.0%} "
            f"{rate:7.1f}/s  elapsed {elapsed:5.0f}s  eta {eta:4.0f}s"
        )
        sys.stderr.write(("\r" + line) if self.tty else (line + "\n"))
        if self.tty and done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


# -- Fixed data: people, sections, notice, photos, tags, sources ----------------------


def ensure_user():
    user, _ = get_user_model().objects.get_or_create(
        username=MARK, defaults={"email": "bench@example.org", "is_staff": True, "is_superuser": True}
    )
    return user


def ensure_sections(user):
    sections = []
    for position, (slug, name, name_en) in enumerate(SECTIONS, start=1):
        section = Section.objects.filter(slug=slug).first() or services.section_save(
            section=Section(slug=slug, name=name, name_en=name_en, position=position), user=user
        )
        sections.append(section)
    return sections


def ensure_notice(user):
    notice = CopyrightNotice.objects.default()
    if notice is None:
        notice = services.copyright_notice_save(
            notice=CopyrightNotice(
                name=f"{MARK} notice",
                holder=settings.SITE_NAME,
                holder_en="Newsroom Daily",
                text_ko="저작권자 © {holder} 무단전재 및 재배포 금지",
                text_en="© {year} {holder}. All rights reserved.",
                is_default=True,
            ),
            user=user,
        )
    return notice


def ensure_authors(seed, user):
    rng = random.Random(f"{seed}-authors")
    authors = []
    for index in range(AUTHORS):
        name = KO_NAMES[index % len(KO_NAMES)] if index % 3 == 0 else f"{FIRST[index]} {LAST[index]}"
        slug = f"bench-{index + 1:02d}-" + slugify(name, allow_unicode=True)
        bio = en_sentence(rng, 20, 30)
        author = Author.objects.filter(slug=slug).first() or services.author_save(
            author=Author(
                slug=slug,
                name=name,
                title="기자" if index % 3 == 0 else "Staff reporter",
                email=f"author{index + 1}@example.org",
                bio=bio,
            ),
            user=user,
        )
        authors.append(author)
    return authors


def ensure_images(count, seed, user):
    images = list(Image.objects.filter(original_filename__startswith="bench-photo-").order_by("original_filename"))
    have = {image.original_filename for image in images}
    missing = [index for index in range(count) if f"bench-photo-{index + 1:02d}.jpg" not in have]
    if missing:
        progress = Progress("photos", len(missing))
        for done, index in enumerate(missing, start=1):
            rng = random.Random(f"{seed}-img-{index}")
            name = f"bench-photo-{index + 1:02d}.jpg"
            upload = SimpleUploadedFile(name, make_photo(rng), content_type="image/jpeg")
            fields = {
                "alt_text": en_sentence(rng, 6, 10).rstrip("."),
                "credit": rng.choice(["본지DB", "Newsroom Daily archive", f"{person(rng)} / Newsroom Daily"]),
                "caption": en_sentence(rng, 8, 16),
                "creator": person(rng),
                "copyright_holder": settings.SITE_NAME,
            }
            with contextlib.suppress(photo_services.DuplicateImage):
                photo_services.image_save(image=Image(**fields), user=user, upload=upload)
            progress.update(done)
        images = list(Image.objects.filter(original_filename__startswith="bench-photo-").order_by("original_filename"))
    return images[:count]


def ensure_tags(count, user):
    names = [f"{tag}{qualifier}" for qualifier in EN_QUAL for tag in EN_TAGS]
    names += [f"{tag}{qualifier}" for qualifier in KO_QUAL for tag in KO_TAGS]
    names = names[:count]
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in names:
        if name not in existing:
            existing[name] = services.tag_save(tag=Tag(name=name), user=user)  # taggit makes the slug
    return [existing[name] for name in names]


def ensure_sources(seed, user):
    sources = list(Source.objects.filter(url__startswith="https://example.org/people/").order_by("pk"))
    if len(sources) < SOURCES:
        rng = random.Random(f"{seed}-sources")
        for index in range(len(sources), SOURCES):
            source = Source(
                name=person(rng),
                kind=Source.Kind.PERSON,
                role=rng.choice(["spokesperson", "minister", "analyst", "professor", "대변인", "CEO"]),
                url=f"https://example.org/people/{index + 1}",
            )
            services.source_save(source=source, user=user)
        sources = list(Source.objects.filter(url__startswith="https://example.org/people/").order_by("pk"))
    return sources


# -- Articles ------------------------------------------------------------------------


def build(i, seed, now, fixed):
    """Article i (unsaved) with what its relations need, from its own random stream."""
    rng = random.Random(f"{seed}-{i}")
    korean_headline = rng.random() < 0.2
    if korean_headline:
        headline = ko_sentence(rng, 5, 8).rstrip(".")
    else:
        headline = en_sentence(rng, 7, 12).rstrip(".").title()
    korean_paras = set(rng.sample(range(8), 2))  # 2 of 8 paragraphs in Korean
    link_para = rng.randrange(8)
    paras = [paragraph(rng, k in korean_paras, 100, link=(k == link_para)) for k in range(8)]
    inline = rng.sample(fixed["images"], 2)
    if rng.random() < 0.3:  # a Korean translation printed beside the English original
        quote = Quote(
            text=ko_sentence(rng, 10, 16),
            language="ko",
            original_text=en_sentence(rng, 15, 30),
            original_language="en",
        )
    else:
        quote = Quote(text=en_sentence(rng, 15, 30), language="en")
    quote.source = rng.choice(fixed["sources"])
    quote.medium = rng.choice([Quote.Medium.POST, Quote.Medium.INTERVIEW, Quote.Medium.RELEASE])
    quote.evidence_url = f"https://example.org/statements/{i + 1}"
    quote.created_by = fixed["user"]
    published = now - timedelta(hours=1, seconds=rng.randrange(2 * 365 * 86400))
    quote.said_on = (published - timedelta(days=rng.randrange(1, 5))).date()
    article = Article(
        headline=headline,
        dek=en_sentence(rng, 18, 30),
        section=rng.choice(fixed["sections"]),
        language="ko",
        lead_image=rng.choice(fixed["images"]),
        lead_image_caption=en_sentence(rng, 8, 16),
    )
    authors = rng.sample(fixed["authors"], 2 if rng.random() < 0.2 else 1)
    tags = rng.sample(fixed["tags"], rng.randint(3, 5))
    # p0 p1 [image] p2 p3 [quote] p4 p5 [image] p6 p7, as the peer's StreamField body
    parts = [*paras[:2], f"[[image:{inline[0].pk}]]", *paras[2:4], "[[quote:{quote}]]"]
    parts += [*paras[4:6], f"[[image:{inline[1].pk}]]", *paras[6:]]
    return article, quote, parts, authors, tags, published


def seed_articles(n, seed, batch, fixed):
    """Each article written, saved and published through the services, as an editor would."""
    now = timezone.now()
    user = fixed["user"]
    progress = Progress("articles", n)
    for start in range(0, n, batch):
        end = min(start + batch, n)
        with transaction.atomic():  # one commit a batch; the services' transactions nest in it
            for i in range(start, end):
                article, quote, parts, authors, tags, published = build(i, seed, now, fixed)
                quote = services.quote_save(quote=quote, user=user)
                article.body = "\n\n".join(parts).replace("[[quote:{quote}]]", f"[[quote:{quote.pk}]]")
                article = services.article_save(
                    article=article, user=user, bylines=authors, tags=[tag.name for tag in tags]
                )
                services.article_publish(article=article, user=user, now=published)
        progress.update(end)
    # auto_now stamped "now" on every row: make them look edited when they went live.
    Article.objects.update(created_at=F("publish_at"), updated_at=F("publish_at"))


def feature_top_stories(count=3):
    """The editors' top story: feature the latest articles when none is (once the model has it)."""
    field_names = {field.name for field in Article._meta.get_fields()}
    if "featured_at" not in field_names or Article.objects.filter(featured_at__isnull=False).exists():
        return
    latest = list(Article.objects.published().latest().values_list("pk", flat=True)[:count])
    Article.objects.filter(pk__in=latest).update(featured_at=F("publish_at"))
    print(f"top stories: featured {len(latest)} of the latest articles")


LIVE_ENTRIES = 60


def ensure_live_page(seed, fixed_user, images):
    """One live page (issue 14): the latest article made live, with LIVE_ENTRIES
    entries (every fifth with a photo, one pinned, one corrected), more than
    its page prints, so the bench sees a live page as readers get it on a long
    news day. Once: the article count does not change."""
    from articles.models import LiveCoverage
    from articles.services import live as live_services

    if LiveCoverage.objects.exists():
        return LiveCoverage.objects.select_related("article").first().article
    rng = random.Random(f"{seed}-live")
    article = Article.objects.published().latest().first()
    start = timezone.now() - timedelta(hours=3)
    live_services.live_coverage_start(article=article, user=fixed_user, now=start)
    entries = []
    for i in range(LIVE_ENTRIES):
        parts = [paragraph(rng, True, 60)]
        if i % 5 == 0:
            parts.append(f"[[image:{rng.choice(images).pk}]]")
        entry = live_services.live_entry_add(
            article=article, user=fixed_user, body="\n\n".join(parts), now=start + timedelta(minutes=2 * i + 1)
        )
        entries.append(entry)
    live_services.live_entry_pin(entry=entries[5], user=fixed_user)
    live_services.live_entry_edit(
        entry=entries[-2], user=fixed_user, body=paragraph(rng, True, 60), correction="숫자를 바로잡았습니다."
    )
    print(f"live page: article {article.pk} with {LIVE_ENTRIES} entries")
    return article


def reset():
    """Delete every article and what only the bench's articles use."""
    with transaction.atomic():
        for model in (TaggedArticle, Authorship, EmbeddedImage, EmbeddedQuote):
            model.objects.all().delete()
        Article.objects.all().delete()
        Quote.objects.filter(evidence_url__startswith="https://example.org/statements/").delete()


# -- URL files -----------------------------------------------------------------------


def list_pages(article, section):
    tag = TaggedArticle.objects.values("tag__slug").annotate(n=Count("pk")).order_by("-n").first()
    author = Authorship.objects.values("author__slug").annotate(n=Count("pk")).order_by("-n").first()
    day = timezone.localtime(article.publish_at)
    return [
        ("tag", reverse("articles:tag", kwargs={"slug": tag["tag__slug"]})),
        ("author", reverse("articles:author", kwargs={"slug": author["author__slug"]})),
        ("archive", reverse("articles:archive_month", kwargs={"year": day.year, "month": day.month})),
        ("section_feed", reverse("articles:section_feed", kwargs={"section": section.slug})),
        ("news_sitemap", reverse("news_sitemap")),
    ]


def write_urls(out_dir, count, seed, live=None):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    articles = list(
        Article.objects.published()
        .filter(language="ko", live_coverage__isnull=True)
        .select_related("section")
        .order_by("pk")
    )
    paths = [article.get_absolute_url() for article in articles]
    single = paths[len(paths) // 2]
    sample = random.Random(seed).sample(paths, min(count, len(paths)))
    section = Section.objects.order_by("position", "pk").first()
    pages = [
        ("article", single),
        ("home", "/"),
        ("section", section.get_absolute_url()),
        ("search", "/search/?q=" + urlquote(SEARCH_QUERY)),
        ("feed", "/feed/"),
        ("sitemap", "/sitemap.xml"),
        ("sitemap_articles", "/sitemap-articles.xml"),
        # The content API beside the pages it must keep up with (issue 11, item 7).
        ("api_article", f"/api/v1/articles/{articles[len(articles) // 2].pk}/"),
        ("api_list", "/api/v1/articles/"),
        # The other lists and feeds a change touches (issue 15, item 1): the busiest
        # tag and author, the single article's month, its section's feed, the news sitemap.
        *list_pages(articles[len(articles) // 2], section),
    ]
    if live is not None:
        # A live page beside the article (issue 14): its page, and the fragment its
        # readers poll every 15 seconds.
        pages += [("live", live.get_absolute_url()), ("live_fragment", f"/live/{live.pk}/")]
    (out / "single.txt").write_text(single + "\n")
    (out / "urls.txt").write_text("\n".join(sample) + "\n")
    (out / "pages.tsv").write_text("".join(f"{name}\t{path}\n" for name, path in pages))
    print(f"{len(paths)} articles; single={single}; {len(sample)} rotating paths -> {out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", "-n", type=int, default=10000)
    parser.add_argument("--images", type=int, default=50)
    parser.add_argument("--tags", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--urls", type=int, default=200, help="rotating article paths to write")
    parser.add_argument("--out-dir", default=str(BENCH / "var" / "urls"))
    parser.add_argument("--reset", action="store_true", help="delete existing articles first")
    args = parser.parse_args()

    started = time.monotonic()
    present = Article.objects.count()
    if args.reset and present:
        print(f"deleting {present} articles")
        reset()
        present = 0
    if present == args.articles:
        print(f"{present} articles already present: seeding skipped")
    elif present:
        sys.exit(f"the database holds {present} articles, not {args.articles}: use --reset or a fresh database")
    else:
        user = ensure_user()
        ensure_notice(user)
        fixed = {
            "user": user,
            "sections": ensure_sections(user),
            "authors": ensure_authors(args.seed, user),
            "tags": ensure_tags(args.tags, user),
            "sources": ensure_sources(args.seed, user),
        }
        t_images = time.monotonic()
        fixed["images"] = ensure_images(args.images, args.seed, user)
        print(f"photos: {len(fixed['images'])} with renditions ({time.monotonic() - t_images:.0f}s)")
        t_articles = time.monotonic()
        seed_articles(args.articles, args.seed, args.batch, fixed)
        print(f"articles: {args.articles} ({time.monotonic() - t_articles:.0f}s)")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    feature_top_stories()
    live = ensure_live_page(args.seed, ensure_user(), list(Image.objects.order_by("pk")[: args.images]))
    write_urls(args.out_dir, args.urls, seed=7, live=live)
    print(f"seed done in {time.monotonic() - started:.0f}s")


if __name__ == "__main__":
    main()
