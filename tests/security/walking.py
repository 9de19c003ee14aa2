"""Shared pieces of the walks over every URL pattern and API route (tenant, drafts, dates)."""

import re

from django.apps import apps
from django.db import connection, models
from django.urls import URLPattern, URLResolver, get_resolver

from okrs.organizations.models import Organization

# Patterns not walked page by page, and why.
SKIPPED_PREFIXES = {
    "admin/": "Django admin is for superusers, who see every organisation by design",
    "static/": "static files carry no organisation's data",
    "api/v1/": "walked route by route from the OpenAPI schema",
    "scim/v2/": "opens to SCIM tokens only; okrs/administration/tests/test_scim_isolation.py walks "
    "every SCIM route with Acme's token and Globex's ids",
}
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def okrs_models():
    """Return okrs's own models."""
    return [m for m in apps.get_models() if m.__module__.startswith("okrs.")]


def spread_ids() -> None:
    """Give every table its own range of ids, so that no id means a row in two tables."""
    with connection.cursor() as cursor:
        for index, model in enumerate(okrs_models()):
            table, start = model._meta.db_table, 1_000_000 + index * 10_000
            if not isinstance(model._meta.pk, models.AutoField):
                continue
            if connection.vendor == "postgresql":
                column = model._meta.pk.column
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s)", [table, column, start]
                )
            else:
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, start]
                )


def rows_of(organization: Organization):
    """Yield (model, queryset) of every okrs table's rows that belong to the organisation."""
    for model in okrs_models():
        if model is Organization:
            yield model, model.objects.filter(pk=organization.pk)
        elif any(f.name == "organization" for f in model._meta.fields):
            yield model, model._base_manager.filter(organization=organization)


def walked_patterns():
    """Yield the route of every page of the urlconf, admin, static files and the API left out."""

    def walk(resolvers, prefix):
        for entry in resolvers:
            route = prefix + str(entry.pattern)
            if any(route.startswith(skipped) for skipped in SKIPPED_PREFIXES):
                continue
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                yield route

    yield from walk(get_resolver().url_patterns, "")


def fill(route: str, values: dict) -> str:
    """Return the path of the route with its parameters replaced by the values."""
    return "/" + PARAM.sub(lambda m: str(values[m.group(2)]), route)


def api_operations():
    """Yield (method, path, operation, spec) for every operation of the OpenAPI schema."""
    from okrs.api.urls import api

    spec = api.get_openapi_schema()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            yield method, path, operation, spec
