"""What the OpenAPI schema says beyond what drf-spectacular reads from the views:
the error answers every endpoint may give, and the exact values its list and
field parameters take (so a client, or a fuzzer, knows what is refused)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

SPARSE_COMPONENTS = ("Article", "ArticleDetail", "Section", "Tag", "Author", "Photo", "Quote", "CorrectionList")
ERROR = {
    "type": "object",
    "required": ["detail", "code"],
    "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
}
ERRORS = {
    "400": "A parameter is unknown or its value is not allowed (the answer names it).",
    "401": "The key is missing its Bearer keyword, unknown or revoked.",
    "404": "Nothing published has this address.",
    "429": "Too many requests: Retry-After says when to try again.",
}


def add_errors(result, generator, request, public):
    """drf-spectacular post-processing hook: the ``Error`` component and the
    error answers of every operation; bounds on ``page_size`` and ``cursor``."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            # A key is optional: anonymous reads are the common case.
            if operation.get("security"):
                operation["security"] = [*operation["security"], {}]
    components["Error"] = ERROR
    # ``fields=`` may leave any field of these out: none is required (every one
    # is there when ``fields`` is not given).
    for name in SPARSE_COMPONENTS:
        if name in components:
            components[name].pop("required", None)
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "page_size":
                    parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 100}
                elif parameter["name"] in ("section", "tag", "author"):
                    parameter["schema"] = {**parameter["schema"], "minLength": 1, "maxLength": 200}
    return result


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    """The partner key, as OpenAPI's HTTP bearer scheme (optional: anonymous reads work)."""

    target_class = "api.authentication.PartnerKeyAuthentication"
    name = "partnerKey"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A partner key: Authorization: Bearer nr_…"}
