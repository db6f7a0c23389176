"""``manage.py seed_demo``: the demo newsroom, loaded from ``demo/content/``
(``demo/content.py`` reads it) through the services, as the desk would make it.

Rules the seed keeps:

- It is idempotent: every record is looked up by a stable key (username, author
  and section slug, image file name, source name and kind, quote text, article
  headline and language) and only what is missing is made; nothing that exists
  is changed, so a second run creates and changes nothing.
- Every record goes through its service with the permissions of whoever would
  make it: sections and the copyright notice by the administrator, bylines by
  the editor, photos, sources and quotes by the reporter; articles are written
  and moved through the workflow as a reporter and an editor would in the
  admin. An embed that points nowhere, or an article that could not be
  published, stops the seed with a message and saves nothing.

The demo logins (in ``demo/content/people.toml``, printed by the command):

    reporter / newsroom-reporter   (group "Reporter")
    editor   / newsroom-editor     (group "Editor")
    admin    / newsroom-admin      (superuser)
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from articles import services
from articles.body import validate_embeds
from articles.models import Article, Author, CopyrightNotice, Quote, Revision, Section, Source, Status
from articles.roles import setup_roles
from photos import services as photo_services
from photos.models import Image

from . import content as demo_content
from . import pictures
from .content import SCHEDULED_DAYS_AHEAD, SCHEDULED_TIME, DemoError
from .live import read as read_live
from .live import seed_live

_EMBED_KEY = re.compile(r"^\[\[(image|quote|article):([^\]\s]+)\]\]$")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


# -- Seeding --------------------------------------------------------------------------


@dataclass
class Login:
    role: str
    username: str
    password: str
    password_changed: bool = False


@dataclass
class Summary:
    """What one run made (a count per kind of record, in creation order; articles
    also by status) and the logins to print."""

    created: Counter = field(default_factory=Counter)
    logins: list = field(default_factory=list)
    states: Counter = field(default_factory=Counter)

    @property
    def changed(self):
        return bool(self.created)


def seed(stdout=None, now=None, content=None):
    """Load the demo newsroom (``content``, by default ``demo/content/``), making
    only what is missing; return a ``Summary``.

    All or nothing: one transaction, so an error leaves the database as it was
    (renditions already written for new images stay on disk as orphans).
    """
    default_content = content is None
    content = content or demo_content.load()
    now = now or timezone.now()
    summary = Summary()
    with transaction.atomic():
        groups = setup_roles()
        users = _seed_users(content.users, groups, summary)
        admin, editor, reporter = users["admin"], users["editor"], users["reporter"]
        authors = _seed_authors(content.authors, users, editor, summary)
        sections = _seed_sections(content.sections, admin, summary)
        _seed_copyright_notice(content.notice, admin, summary)
        images = _seed_images(content.images, reporter, summary, stdout)
        sources = _seed_sources(content.sources, reporter, summary)
        quotes = _seed_quotes(content.quotes, sources, images, reporter, summary, now)
        _seed_articles(content.articles, users, authors, sections, images, quotes, sources, summary, now)
        if default_content:  # the demo's own live page needs the demo's own photos and quotes
            seed_live(
                read_live(), users=users, authors=authors, sections=sections, images=images, quotes=quotes,
                summary=summary, now=now,
            )  # fmt: skip
        _seed_top_stories(editor, now)
    return summary


def _seed_top_stories(editor, now):
    """Each edition leads with a story an editor chose (not simply the newest)."""
    for language in ("ko", "en"):
        if Article.objects.published(now).filter(language=language, featured_at__isnull=False).exists():
            continue
        live = list(Article.objects.published(now).filter(language=language).latest()[:2])
        if live:
            services.article_feature(article=live[-1], user=editor, now=now)


def _seed_users(specs, groups, summary):
    User = get_user_model()
    users = {}
    for spec in specs:
        user = User.objects.filter(username=spec.username).first()
        created = user is None
        if created:
            user = User(
                username=spec.username,
                email=f"{spec.username}@example.org",
                first_name=spec.first_name,
                last_name=spec.last_name,
                is_staff=True,
                is_superuser=spec.superuser,
            )
            user.set_password(spec.password)
            user.save()
            summary.created["user"] += 1
        if spec.group and not user.groups.filter(pk=groups[spec.group].pk).exists():
            user.groups.add(groups[spec.group])
        # A password changed since the first seed is kept, and the table says so.
        changed = not created and not user.check_password(spec.password)
        summary.logins.append(Login(spec.role, spec.username, spec.password, changed))
        users[spec.username] = user
    return users


def _seed_authors(specs, users, editor, summary):
    authors = {}
    for spec in specs:
        user = users.get(spec.username)
        author = Author.objects.filter(slug=spec.slug).first()
        if author is None and user is not None:
            author = Author.objects.filter(user=user).first()
        if author is None:
            author = services.author_save(
                author=Author(
                    slug=spec.slug,
                    name=spec.name,
                    title=spec.title,
                    bio=spec.bio,
                    email=user.email if user else "",
                    user=user,
                ),
                user=editor,
            )
            summary.created["author"] += 1
        authors[spec.slug] = author
    return authors


def _seed_sections(specs, admin, summary):
    sections = {}
    for spec in specs:
        section = Section.objects.filter(slug=spec.slug).first()
        if section is None:
            section = services.section_save(
                section=Section(slug=spec.slug, name=spec.name, name_en=spec.name_en, position=spec.position),
                user=admin,
            )
            summary.created["section"] += 1
        sections[spec.slug] = section
    return sections


def _seed_copyright_notice(spec, admin, summary):
    """The site default notice; an existing default is kept as it is."""
    notice = CopyrightNotice.objects.default()
    if notice is None:
        notice = CopyrightNotice.objects.filter(name=spec.name).first()
        if notice is None:
            notice = CopyrightNotice(
                name=spec.name,
                holder=settings.SITE_NAME,
                holder_en=settings.SITE_NAME_EN,
                text_ko=spec.text_ko,
                text_en=spec.text_en,
            )
            summary.created["copyright notice"] += 1
        notice.is_default = True
        notice = services.copyright_notice_save(notice=notice, user=admin)
    return notice


def _seed_images(specs, uploader, summary, stdout):
    images = {}
    missing = [spec for spec in specs if not Image.objects.filter(original_filename=spec.file).exists()]
    if missing and stdout is not None:
        stdout.write(f"Drawing {len(missing)} demo images and making their renditions…")
    for spec in specs:
        image = Image.objects.filter(original_filename=spec.file).first()
        if image is None:
            fields = {
                "alt_text": spec.alt_text,
                "credit": spec.credit,
                "caption": spec.caption,
                "creator": "Newsroom Daily photo desk" if spec.language == "en" else "본지 사진부",
                "copyright_holder": spec.copyright_holder or settings.SITE_NAME,
                "license": spec.license,
                "focal_x": spec.focal[0],
                "focal_y": spec.focal[1],
            }
            try:
                data = pictures.draw(spec.drawing)
            except (TypeError, ValueError) as error:
                raise DemoError(f"Demo image “{spec.file}”: {error}") from error
            upload = SimpleUploadedFile(spec.file, data, content_type="image/jpeg")
            try:
                image = photo_services.image_save(image=Image(**fields), user=uploader, upload=upload)
                summary.created["image"] += 1
            except photo_services.DuplicateImage as duplicate:
                image = duplicate.existing
        images[spec.file] = image
    return images


def _seed_sources(specs, reporter, summary):
    sources = {}
    for spec in specs:
        source = Source.objects.filter(name=spec.name, kind=spec.kind).first()
        if source is None:
            source = Source(
                name=spec.name,
                kind=spec.kind,
                role=spec.role,
                url=spec.url,
                is_anonymous=spec.is_anonymous,
                public_description=spec.public_description,
                created_by=reporter,
            )
            source = services.source_save(source=source, user=reporter)
            summary.created["source"] += 1
        sources[spec.key] = source
    return sources


def _named(records, key, kind, where):
    """``records[key]``, or a ``DemoError`` saying which record named a missing one."""
    try:
        return records[key]
    except KeyError:
        raise DemoError(f"Demo {where} names {kind} “{key}”, which the demo does not make.") from None


def _seed_quotes(specs, sources, images, reporter, summary, now):
    quotes = {}
    for spec in specs:
        # An interview is dated relative to the first seed; a post has its own date.
        said_on = spec.said_on
        if said_on is None and spec.said_days_ago is not None:
            said_on = timezone.localdate(now) - datetime.timedelta(days=spec.said_days_ago)
        source = _named(sources, spec.source, "source", f"quote “{spec.key}”")
        quote = Quote.objects.filter(source=source, text=spec.text).first()
        if quote is None:
            quote = Quote(
                source=source,
                text=spec.text,
                language=spec.language,
                original_text=spec.original_text,
                original_language=spec.original_language,
                said_on=said_on,
                medium=spec.medium,
                evidence_url=spec.evidence_url,
                evidence_image=_named(images, spec.evidence_image, "image", f"quote “{spec.key}”")
                if spec.evidence_image
                else None,
                created_by=reporter,
            )
            quote = services.quote_save(quote=quote, user=reporter)
            summary.created["quote"] += 1
        quotes[spec.key] = quote
    return quotes


def _local_time(day, hhmm):
    hour, minute = (int(part) for part in hhmm.split(":"))
    naive = datetime.datetime.combine(day, datetime.time(hour, minute))
    return timezone.make_aware(naive)


def cited_phrase(cited_on, language, reference_day):
    """How the body names the cited report's day: "16일" (or "지난달 16일" when the
    month differs) in Korean, "on March 16" in English."""
    if language == "en":
        return f"on {_MONTHS[cited_on.month - 1]} {cited_on.day}"
    if (cited_on.year, cited_on.month) == (reference_day.year, reference_day.month):
        return f"{cited_on.day}일"
    return f"지난달 {cited_on.day}일"


def resolve_body(spec, *, images, quotes, articles, cited):
    """The body as stored: paragraphs joined, embed keys replaced by real ids,
    ``{cited}`` by the cited report's day. Raises ``DemoError`` for a key that
    names nothing (or an article not created before this one)."""
    lookups = {"image": images, "quote": quotes, "article": articles}
    paragraphs = []
    for paragraph in spec.body:
        match = _EMBED_KEY.match(paragraph)
        if match:
            kind, key = match.groups()
            target = lookups[kind].get(key)
            if target is None:
                raise DemoError(f"Demo article “{spec.key}” embeds {kind} “{key}”, which the demo does not make first.")
            paragraph = f"[[{kind}:{target.pk}]]"
        paragraphs.append(paragraph.replace("{cited}", cited))
    return "\n\n".join(paragraphs)


def _seed_articles(specs, users, authors, sections, images, quotes, sources, summary, now):
    reporter, editor = users["reporter"], users["editor"]
    today = timezone.localdate(now)
    articles = {}
    for spec in specs:
        existing = Article.objects.filter(language=spec.language, headline=spec.headline).first()
        if existing is not None:
            articles[spec.key] = existing
            continue
        if spec.state == Status.PUBLISHED:
            days_ago, hhmm = spec.published
            publish_at = _local_time(today - datetime.timedelta(days=days_ago), hhmm)
        elif spec.state == Status.SCHEDULED:
            publish_at = _local_time(today + datetime.timedelta(days=SCHEDULED_DAYS_AHEAD), SCHEDULED_TIME)
        else:
            publish_at = None
        cited_on = today - datetime.timedelta(days=spec.citation.days_ago)
        cited = cited_phrase(cited_on, spec.language, timezone.localdate(publish_at) if publish_at else today)
        body = resolve_body(spec, images=images, quotes=quotes, articles=articles, cited=cited)
        errors = validate_embeds(body)
        if errors:
            raise DemoError(f"Demo article “{spec.key}”: {'; '.join(str(error) for error in errors)}")

        owner = reporter if spec.state in {Status.DRAFT, Status.REVIEW} else editor
        where = f"article “{spec.key}”"
        article = services.article_save(
            article=Article(
                headline=spec.headline,
                dek=spec.dek,
                section=_named(sections, spec.section, "section", where),
                language=spec.language,
                body=body,
                lead_image=_named(images, spec.lead, "image", where),
                byline_override=spec.byline_override,
                translation_of=_named(articles, spec.translation_of, "earlier article", where)
                if spec.translation_of
                else None,
            ),
            user=owner,
            bylines=[_named(authors, slug, "author", where) for slug in spec.authors],
            tags=spec.tags,
            citations=[
                {
                    "source": _named(sources, spec.citation.outlet, "source", where),
                    "title": spec.citation.title,
                    "url": spec.citation.url,
                    "published_on": cited_on,
                }
            ],
        )
        _move_through_workflow(article, spec.state, publish_at=publish_at, reporter=reporter, editor=editor, now=now)
        summary.created["article"] += 1
        summary.states[article.status] += 1
        articles[spec.key] = article


def _move_through_workflow(article, state, *, publish_at, reporter, editor, now):
    try:
        if state == Status.PUBLISHED:
            services.article_publish(article=article, user=editor, now=publish_at)
            # Written "before" it went live, so the page shows no "updated" line
            # dated today; status and publish_at are left to the service.
            written_at = publish_at - datetime.timedelta(hours=2)
            Article.objects.filter(pk=article.pk).update(created_at=written_at, updated_at=publish_at)
            Revision.objects.filter(article=article).update(created_at=written_at)
        elif state == Status.SCHEDULED:
            services.article_schedule(article=article, user=editor, publish_at=publish_at, now=now)
        elif state == Status.REVIEW:
            services.article_submit_for_review(article=article, user=reporter, now=now)
        elif state != Status.DRAFT:
            raise DemoError(f"Unknown demo article state “{state}”.")
    except services.WorkflowError as error:
        raise DemoError(f"Demo article “{article.headline}” cannot be {state}: {error}") from error
    if state in {Status.DRAFT, Status.REVIEW}:
        problems = services.publication_problems(article, now=now)
        if problems:
            raise DemoError(f"Demo article “{article.headline}” is incomplete: {'; '.join(problems)}")


__all__ = ["DemoError", "Summary", "seed"]
