"""The API's OpenAPI 3.1 schema, and a page of human docs generated from it."""

import functools

from django.conf import settings
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularJSONAPIView

#: The schema as JSON (drf-spectacular, OpenAPI 3.1: SPECTACULAR_SETTINGS).
schema_view = SpectacularJSONAPIView.as_view()


@functools.cache
def _schema():
    # The same for every request (and language: the API speaks English): made once per process.
    return SchemaGenerator().get_schema(request=None, public=True)


def _fields(schema, components):
    """The property names of a response schema (following one $ref and a list's items)."""
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    if "results" in schema.get("properties", {}):
        schema = schema["properties"]["results"].get("items", {})
        if "$ref" in schema:
            schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    return list(schema.get("properties", {}))


def docs_view(request):
    """``/api/v1/``: every endpoint, its parameters and the fields it answers with."""
    schema = _schema()
    components = schema.get("components", {}).get("schemas", {})
    endpoints = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if not operation:
            continue
        response = operation.get("responses", {}).get("200", {})
        body = response.get("content", {}).get("application/json", {}).get("schema", {})
        endpoints.append(
            {
                "path": path,
                "description": operation.get("description", ""),
                "parameters": operation.get("parameters", []),
                "fields": _fields(body, components),
            }
        )
    context = {"endpoints": endpoints, "site_url": settings.SITE_URL, "version": schema["info"]["version"]}
    return render(request, "api/docs.html", context)
