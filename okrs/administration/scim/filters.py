"""SCIM filters such as `userName eq "ada@acme.test"` as database queries on people and teams."""

from typing import Any

from django.db.models import Q
from scim2_filter_parser.attr_paths import AttrPath
from scim2_filter_parser.parser import SCIMParserError
from scim2_filter_parser.transpilers.django_q_object import get_query

from okrs.administration.scim.common import as_id

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"

# SCIM attribute (name, sub-attribute, schema) -> field of the person.
PERSON_ATTRIBUTES = {
    ("userName", None, None): "email",
    ("userName", None, USER_SCHEMA): "email",
    ("id", None, None): "id",
    ("externalId", None, None): "provisioning__external_id",
    ("active", None, None): "is_active",
    ("displayName", None, None): "name",
    ("name", "formatted", None): "name",
    ("name", "givenName", None): "provisioning__given_name",
    ("name", "familyName", None): "provisioning__family_name",
    ("emails", None, None): "email",
    ("emails", "value", None): "email",
}
# SCIM attribute -> field of the team.
TEAM_ATTRIBUTES = {
    ("displayName", None, None): "name",
    ("displayName", None, GROUP_SCHEMA): "name",
    ("id", None, None): "id",
    ("externalId", None, None): "provisioning__external_id",
    ("members", None, None): "memberships__person_id",
    ("members", "value", None): "memberships__person_id",
}
# Fields holding ids: SCIM compares strings, the database compares numbers.
ID_FIELDS = {"id", "memberships__person_id"}
ID_LOOKUPS = {
    "iexact": "exact",
    "exact": "exact",
    "gt": "gt",
    "gte": "gte",
    "lt": "lt",
    "lte": "lte",
}


class FilterError(ValueError):
    """A filter okrs cannot read: bad syntax, or an attribute it does not filter on."""


def _lowered(path) -> tuple:
    """Return an attribute path with its names in lower case (SCIM names ignore case)."""
    return tuple(part.lower() if part else None for part in path)


def _check_attributes(text: str, attributes: dict) -> None:
    """Refuse a filter on an attribute that okrs does not filter on."""
    known = {_lowered(key) for key in attributes}
    for path in AttrPath(text, {}):
        if _lowered(path) not in known:
            name = ".".join(part for part in (path[2], path[0], path[1]) if part)
            raise FilterError(f"filter: okrs cannot filter on {name!r}.")


def _numeric_ids(query: Q) -> Q:
    """Compare id fields as numbers; an id that is no number matches nothing."""
    children: list[Any] = []
    for child in query.children:
        if not isinstance(child, tuple):
            children.append(_numeric_ids(child) if isinstance(child, Q) else child)
            continue
        key, value = child
        field, _, lookup = key.rpartition("__")
        if field not in ID_FIELDS or lookup == "isnull":
            children.append(child)
        elif lookup not in ID_LOOKUPS:
            raise FilterError("filter: ids compare with eq, ne, gt, ge, lt and le only.")
        elif as_id(value) is not None:
            children.append((f"{field}__{ID_LOOKUPS[lookup]}", as_id(value)))
        else:
            children.append((f"{field}__in", []))
    query.children = children
    return query


def filter_query(text: str, attributes: dict) -> Q:
    """Return the SCIM filter as a query on the fields the attributes map to."""
    try:
        _check_attributes(text, attributes)
        query = get_query(text, attributes)
    except (SCIMParserError, ValueError) as error:
        if isinstance(error, FilterError):
            raise
        raise FilterError(f"filter: {text!r} is not a SCIM filter ({error}).") from None
    if query is None:
        raise FilterError(f"filter: {text!r} compares nothing okrs knows.")
    return _numeric_ids(query)
