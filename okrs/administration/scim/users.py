"""People as SCIM Users: userName is the e-mail address, active whether they may sign in."""

from django_scim import constants
from django_scim.adapters import SCIMUser
from django_scim.utils import get_group_adapter

from okrs.administration.scim.common import (
    PatchOperations,
    boolean,
    invalid,
    key_of,
    lowered_keys,
    text,
)
from okrs.administration.scim.filters import PERSON_ATTRIBUTES, USER_SCHEMA
from okrs.administration.scim.provisioning import (
    VIA,
    PersonChange,
    provision_person,
    update_person,
)
from okrs.organizations.models import Person
from okrs.organizations.people import deactivate_person

# name's sub-attributes, in lower case -> as SCIM spells them, and the PersonChange field.
NAME_PARTS = {
    "formatted": ("formatted", "formatted_name"),
    "givenname": ("givenName", "given_name"),
    "familyname": ("familyName", "family_name"),
}
USER_NAME = {("username", None, None), ("username", None, USER_SCHEMA.lower())}
# What a person keeps from SCIM; every other attribute (title, phone numbers, the enterprise
# extension...) is accepted and not kept.
KEPT = USER_NAME | {
    ("active", None, None),
    ("externalid", None, None),
    ("displayname", None, None),
    ("password", None, None),
    ("name", None, None),
    *(("name", part, None) for part in NAME_PARTS),
}


def _name_parts(value) -> dict:
    """Return the PersonChange fields of a SCIM name object."""
    if not isinstance(value, dict):
        raise invalid(f"name: must be an object, got {type(value).__name__}.")
    parts = lowered_keys(value)
    return {
        field: text(parts[part], f"name.{spelt}") or ""
        for part, (spelt, field) in NAME_PARTS.items()
        if part in parts
    }


class ScimPerson(PatchOperations, SCIMUser):
    """A person of the token's organisation, as a SCIM User."""

    id_field = "id"
    url_name = "scim:users"
    ATTR_MAP = PERSON_ATTRIBUTES
    obj: Person

    def __init__(self, obj, request=None):
        super().__init__(obj, request)
        self.pending: dict = {}

    @property
    def display_name(self) -> str:
        """Return the name people see."""
        return self.obj.name or self.obj.email

    @property
    def emails(self) -> list[dict]:
        """Return the one e-mail address okrs keeps: the userName."""
        return [{"value": self.obj.email, "type": "work", "primary": True}]

    @property
    def groups(self) -> list[dict]:
        """Return the teams the person belongs to, as groups."""
        found = []
        for membership in self.obj.memberships.all():
            link = getattr(membership.team, "provisioning", None)
            if link is None or link.released_at is None:
                group = get_group_adapter()(membership.team, self.request)
                found.append(
                    {"value": group.id, "display": group.display_name, "$ref": group.location}
                )
        return found

    def to_dict(self) -> dict:
        """Return the person as a SCIM User."""
        link = getattr(self.obj, "provisioning", None)
        user = {
            "schemas": [constants.SchemaURI.USER],
            "id": self.id,
            "userName": self.obj.email,
            "name": {
                "formatted": self.obj.name,
                **({"givenName": link.given_name} if link and link.given_name else {}),
                **({"familyName": link.family_name} if link and link.family_name else {}),
            },
            "displayName": self.display_name,
            "emails": self.emails,
            "active": self.obj.is_active,
            "groups": self.groups,
            "meta": self.meta,
        }
        if link is not None and link.external_id:
            user["externalId"] = link.external_id
        return user

    def validate_dict(self, d):
        """Check nothing yet: from_dict checks each attribute as it reads it."""

    def from_dict(self, d):
        """Read a whole SCIM User (POST, PUT) into the change to save."""
        body = lowered_keys(d)
        change: dict = {"email": text(body.get("username"), "userName", required=True)}
        if body.get("name") is not None:
            change.update(_name_parts(body["name"]))
        if not change.get("formatted_name") and body.get("displayname") is not None:
            change["formatted_name"] = text(body["displayname"], "displayName")
        if "externalid" in body:
            change["external_id"] = text(body["externalid"], "externalId") or ""
        if body.get("active") is not None:
            change["active"] = boolean(body["active"], "active")
        if body.get("password") is not None:
            change["password"] = text(body["password"], "password")
        self.pending = change

    def apply(self, op: str, path, value, raw_path: str | None) -> None:
        """Read one PATCH operation on one attribute into the change to save."""
        key = key_of(path.first_path)
        if path.is_complex or key not in KEPT:
            return  # emails[type eq "work"], title...: okrs keeps the userName as the address
        if op == "remove":
            self._remove(key)
        elif key == ("name", None, None):
            self.pending.update(_name_parts(value))
        elif key[0] == "name":
            spelt, field = NAME_PARTS[key[1] or ""]
            self.pending[field] = text(value, f"name.{spelt}") or ""
        elif key == ("displayname", None, None):
            self.pending["formatted_name"] = text(value, "displayName") or ""
        elif key == ("active", None, None):
            self.pending["active"] = boolean(value, "active")
        elif key in USER_NAME:
            self.pending["email"] = text(value, "userName", required=True)
        elif key == ("externalid", None, None):
            self.pending["external_id"] = text(value, "externalId") or ""
        else:
            self.pending["password"] = text(value, "password", required=True)

    def _remove(self, key: tuple) -> None:
        """Clear an attribute a person may be without: the external id and the name's parts."""
        if key == ("externalid", None, None):
            self.pending["external_id"] = ""
        elif key[0] == "name" and key[1] in NAME_PARTS:
            self.pending[NAME_PARTS[key[1] or ""][1]] = ""
        else:
            raise invalid(f"{'.'.join(k for k in key if k)}: cannot be removed.", "mutability")

    def save(self):
        """Create or change the person through the provisioning actions."""
        change = PersonChange(**self.pending)
        token = getattr(self.request, "scim_token", None)
        if self.obj.pk is None:
            person = provision_person(self.request.organization, change, token)
        else:
            person = update_person(self.obj, change, token)
        self.obj = Person.objects.select_related("provisioning").get(pk=person.pk)
        self.pending = {}

    def delete(self):
        """Deactivate the person: okrs keeps people and their history, it never deletes them."""
        deactivate_person(self.obj, None, via=VIA)
