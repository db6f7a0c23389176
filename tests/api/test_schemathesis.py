"""The API fuzzed against its own OpenAPI schema: no answer is a server error and
every answer (errors included) matches the schema. In-process over WSGI,
derandomized, a bounded number of examples per operation (both databases' CI
runs stay within budget)."""

import datetime

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles import services
from articles.models import Source
from tests import factories

pytestmark = pytest.mark.slow

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def newsroom(db):
    """Something of every kind for the fuzzer to find: articles with photos
    (one whose rights ran out), quotes (one anonymous), tags, bylines, a
    correction, a translation."""
    editor = factories.editor(username="fuzz-editor")
    factories.CopyrightNoticeFactory()
    anonymous = Source.objects.create(
        name="홍길동", is_anonymous=True, public_description="정부 고위 관계자", kind=Source.Kind.PERSON
    )
    quote = factories.QuoteFactory(source=anonymous)
    expiring = factories.make_image(editor)
    article = factories.make_publishable(
        editor,
        body=f"문단.\n\n[[image:{expiring.pk}]]\n\n[[quote:{quote.pk}]]\n",
        tags=["반도체", "AI"],
        authors=[factories.AuthorFactory()],
    )
    services.article_publish(article=article, user=editor)
    english = factories.make_publishable(editor, headline="In English", language="en", translation_of=article)
    services.article_publish(article=english, user=editor)
    services.correction_add(article=article, user=editor, text="바로잡습니다.")
    # Its rights run out after publication: the API must show it without files.
    type(expiring).objects.filter(pk=expiring.pk).update(
        rights_expire_at=timezone.localdate() - datetime.timedelta(days=2)
    )
    return article


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_answer_of_the_api_matches_its_schema_and_none_is_a_server_error(case, newsroom):
    case.call_and_validate(checks=CHECKS)
