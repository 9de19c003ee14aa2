"""Removing a whole organisation: every row that belongs to it, in bulk."""

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections

from okrs.organizations.models import Organization


def _organization_field(model):
    """Return the model's foreign key to the organisation, or None."""
    for field in model._meta.concrete_fields:
        linked = field.is_relation and (field.many_to_one or field.one_to_one)
        if linked and field.related_model is Organization:
            return field
    return None


def delete_organization(organization: Organization) -> None:
    """Delete the organisation and every row that belongs to it, table by table in bulk.

    Foreign keys are checked at commit, so the order of the tables does not matter; rows without
    an organisation of their own (many-to-many links, admin log entries) go with what they point to.
    """
    db = connections[DEFAULT_DB_ALIAS]
    quote = db.ops.quote_name
    every_model = apps.get_models(include_auto_created=True)
    tenant_models = [m for m in every_model if _organization_field(m)]
    statements = []
    for model in every_model:
        if model in tenant_models or model is Organization:
            continue
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation and not field.many_to_many else None
            if target in tenant_models:
                owner = _organization_field(target).column
                table, column = quote(model._meta.db_table), quote(str(field.column))
                key, targets = quote(str(target._meta.pk.column)), quote(target._meta.db_table)
                statements.append(
                    f"DELETE FROM {table} WHERE {column} IN "
                    f"(SELECT {key} FROM {targets} WHERE {quote(owner)} = %s)"
                )
    for model in tenant_models:
        column = _organization_field(model).column
        statements.append(f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(column)} = %s")
    statements.append(f"DELETE FROM {quote(Organization._meta.db_table)} WHERE id = %s")
    with db.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql, [organization.pk])
