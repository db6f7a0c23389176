"""Factories for tests: records built through the services, as the admin builds them."""

import io
import itertools

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image as PILImage

from articles import services
from articles.models import Article, Author, Citation, CopyrightNotice, Quote, Section, Source, Status
from articles.roles import EDITOR, REPORTER, setup_roles
from photos import services as photo_services
from photos.models import Image

_colors = itertools.count(1)


def jpeg_bytes(width=640, height=360, color=None, **save_options):
    """A real JPEG (a different colour each call, so each is a new file)."""
    n = next(_colors)
    color = color or ((n * 37) % 256, (n * 91) % 256, (n * 53) % 256)
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "JPEG", quality=85, **save_options)
    return buffer.getvalue()


def png_bytes(width=64, height=64, mode="RGB", color=None):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height), color or (10, 20, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if extracted:
            setup_roles()
            user.groups.add(Group.objects.get(name=extracted))
        if create:
            user.save()


def reporter(**kwargs):
    return UserFactory(role=REPORTER, **kwargs)


def editor(**kwargs):
    return UserFactory(role=EDITOR, **kwargs)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"경제{n}")
    name_en = factory.Sequence(lambda n: f"Economy {n}")
    slug = factory.Sequence(lambda n: f"economy-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"김기자{n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    title = "기자"


class CopyrightNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CopyrightNotice
        django_get_or_create = ["name"]

    name = "Staff copyright"
    holder = "뉴스룸 데일리"
    text_ko = "저작권자 © {holder} 무단전재 및 재배포 금지"
    text_en = "© {year} {holder}. All rights reserved."
    is_default = True


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    kind = Source.Kind.PERSON
    role = "CEO"


def make_image(user=None, data=None, name="photo.jpg", **fields):
    fields.setdefault("alt_text", "A person speaking at a podium")
    fields.setdefault("credit", "본지DB")
    image = Image(**fields)
    return photo_services.image_save(image=image, user=user, upload=upload(data or jpeg_bytes(), name=name))


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    source = factory.SubFactory(SourceFactory)
    text = "인공지능은 전기와 같은 기술이 될 것이다."
    language = "ko"
    original_text = "AI will be a technology like electricity."
    original_language = "en"
    said_on = factory.LazyFunction(lambda: timezone.localdate().replace(year=2020, month=9, day=24))
    medium = Quote.Medium.POST
    evidence_url = "https://social.example.com/post/1"


def make_article(user=None, *, status=Status.DRAFT, publish_at=None, authors=(), tags=(), **fields):
    """An article saved through ``article_save``; ``status``/``publish_at`` are set
    directly (as a fixture) so tests can build any state."""
    user = user or UserFactory(username="fixture-editor", role=EDITOR)
    fields.setdefault("headline", "테스트 기사 제목")
    if "section" not in fields:  # (setdefault would make a section even when one is given)
        fields["section"] = SectionFactory()
    fields.setdefault("body", "첫 문단입니다.\n\n두 번째 문단입니다.")
    article = services.article_save(
        article=Article(**fields), user=user, bylines=list(authors) or None, tags=list(tags) or None
    )
    if status != Status.DRAFT or publish_at is not None:
        Article.objects.filter(pk=article.pk).update(
            status=status,
            publish_at=publish_at,
            first_published_at=publish_at if status == Status.PUBLISHED else None,
        )
        article.refresh_from_db()
    return article


def make_publishable(user=None, **fields):
    """A complete article (lead image, notice, section) that an editor can publish."""
    CopyrightNoticeFactory()
    fields.setdefault("lead_image", make_image(user))
    return make_article(user, **fields)


def make_citation(article, **fields):
    fields.setdefault("source", SourceFactory(name="Financial Times", kind=Source.Kind.PUBLICATION))
    fields.setdefault("title", "AI chips in demand")
    return Citation.objects.create(article=article, **fields)


def sign_in(client, user):
    """Log ``user`` in on the test client the way the desk would see them after
    a full login: past the second factor when their role needs one (the tests
    run with production settings, where editors and admins must have one)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.twofactor import must_have_second_factor

    client.force_login(user)
    if must_have_second_factor(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test phone", defaults={"confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def phone(user, **fields):
    """A confirmed authenticator app for ``user`` (a wide tolerance, so a test
    may log in twice within one 30-second step)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True, tolerance=3, **fields)


def totp_code(device):
    """The code the app would show now — or the next step's, where this step's
    was used already (django-otp refuses a code twice)."""
    from django_otp.oath import TOTP

    device.refresh_from_db()
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    clock.drift = device.drift + max(0, device.last_t + 1 - clock.t())
    return f"{clock.token():0{device.digits}d}"
