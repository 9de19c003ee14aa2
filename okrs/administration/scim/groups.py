"""Teams as SCIM Groups: displayName is the team's name, members its members."""

import re

from django_scim import constants
from django_scim.adapters import SCIMGroup
from django_scim.utils import get_user_adapter

from okrs.administration.scim.common import (
    EXTENSION_SCHEMA,
    PatchOperations,
    as_id,
    invalid,
    key_of,
    lowered_keys,
    text,
)
from okrs.administration.scim.filters import TEAM_ATTRIBUTES
from okrs.administration.scim.provisioning import (
    GROUP_LEVELS,
    add_members,
    provision_team,
    release_team,
    remove_members,
    scim_people,
    scim_teams,
    set_members,
    update_group,
)
from okrs.domain.vocabulary import Level
from okrs.organizations.models import Team

MEMBER_FILTER = re.compile(r'^\s*members\s*\[\s*value\s+eq\s+"([^"]*)"\s*\]\s*$', re.IGNORECASE)
MEMBERS = ("members", None, None)


class ScimTeam(PatchOperations, SCIMGroup):
    """A team of the token's organisation, as a SCIM Group."""

    id_field = "id"
    url_name = "scim:groups"
    ATTR_MAP = TEAM_ATTRIBUTES
    obj: Team

    def __init__(self, obj, request=None):
        super().__init__(obj, request)
        self.pending: dict = {}
        self.member_changes: list[tuple[str, list]] = []

    @property
    def display_name(self) -> str:
        """Return the team's name."""
        return self.obj.name

    @property
    def members(self) -> list[dict]:
        """Return the team's members and leads, as the group's members."""
        found = []
        for membership in self.obj.memberships.all():
            user = get_user_adapter()(membership.person, self.request)
            found.append({"value": user.id, "display": user.display_name, "$ref": user.location})
        return found

    def to_dict(self) -> dict:
        """Return the team as a SCIM Group; without members when the request leaves them out."""
        link = getattr(self.obj, "provisioning", None)
        group = {
            "schemas": [constants.SchemaURI.GROUP, EXTENSION_SCHEMA],
            "id": self.id,
            "displayName": self.obj.name,
            "members": self.members,
            EXTENSION_SCHEMA: {
                "level": self.obj.level,
                "parent": str(self.obj.parent_id) if self.obj.parent_id else None,
            },
            "meta": self.meta,
        }
        excluded = self.request.GET.get("excludedAttributes", "").lower().replace(" ", "")
        if "members" in excluded.split(","):
            del group["members"]
        if link is not None and link.external_id:
            group["externalId"] = link.external_id
        return group

    @classmethod
    def resource_type_dict(cls, request=None) -> dict:
        """Return the Group resource type, with the team extension okrs reads on creation."""
        resource_type = super().resource_type_dict(request)
        resource_type["schemaExtensions"] = [{"schema": EXTENSION_SCHEMA, "required": False}]
        return resource_type

    def validate_dict(self, d):
        """Check nothing yet: from_dict checks each attribute as it reads it."""

    def from_dict(self, d):
        """Read a whole SCIM Group (POST, PUT) into the changes to save."""
        body = lowered_keys(d)
        self.pending = {"display_name": text(body.get("displayname"), "displayName", required=True)}
        if "externalid" in body:
            self.pending["external_id"] = text(body["externalid"], "externalId") or ""
        if self.obj.pk is None:
            self.pending.update(self._placement(body.get(EXTENSION_SCHEMA.lower())))
        if body.get("members") is not None:
            self.member_changes = [("set", self._people(body["members"]))]

    def _placement(self, extension) -> dict:
        """Return where a new team goes: the extension's parent and level, else tactical."""
        if extension is None:
            return {}
        if not isinstance(extension, dict):
            raise invalid(f"{EXTENSION_SCHEMA}: must be an object.")
        values = lowered_keys(extension)
        placement: dict = {}
        level = text(values.get("level"), f"{EXTENSION_SCHEMA}:level")
        if level is not None:
            if level not in GROUP_LEVELS:
                raise invalid(f"{EXTENSION_SCHEMA}:level: must be one of {list(GROUP_LEVELS)}.")
            placement["level"] = level
        parent = text(values.get("parent"), f"{EXTENSION_SCHEMA}:parent")
        if parent is not None:
            number = as_id(parent)
            teams = scim_teams(self.request.organization)
            placement["parent"] = teams.filter(pk=number).first() if number else None
            if placement["parent"] is None:
                raise invalid(f"{EXTENSION_SCHEMA}:parent: no group has id {parent!r}.")
        return placement

    def _people(self, members) -> list:
        """Return the people a SCIM members list names, all of the token's organisation."""
        if not isinstance(members, list) or not all(isinstance(m, dict) for m in members):
            raise invalid('members: must be a list of objects with a "value".')
        ids = [text(m.get("value"), "members.value", required=True) for m in members]
        return self._people_by_id(ids)

    def _people_by_id(self, ids: list) -> list:
        """Return the people of the token's organisation with these ids, refusing unknown ones."""
        numbers = [as_id(i) for i in ids]
        people = scim_people(self.request.organization).filter(pk__in=[n for n in numbers if n])
        found = {person.pk: person for person in people}
        chosen = []
        for raw, number in zip(ids, numbers, strict=True):
            person = found.get(number) if number is not None else None
            if person is None:
                raise invalid(f"members: no person has id {raw!r}.")
            chosen.append(person)
        return chosen

    def apply(self, op: str, path, value, raw_path: str | None) -> None:
        """Read one PATCH operation on one attribute into the changes to save."""
        key = key_of(path.first_path)
        chosen = MEMBER_FILTER.match(raw_path or "")
        if op == "remove" and chosen:
            self.member_changes.append(("remove", self._people_by_id([chosen.group(1)])))
        elif key == MEMBERS and op == "remove":
            # Without a value, every member goes (RFC 7644, 3.5.2.2).
            gone = ("set", []) if value is None else ("remove", self._people(value))
            self.member_changes.append(gone)
        elif key == MEMBERS:
            self.member_changes.append(("add" if op == "add" else "set", self._people(value)))
        elif path.is_complex:
            return  # members[...].display and the like: nothing okrs keeps
        elif op == "remove":
            if key != ("externalid", None, None):
                raise invalid(f"{path.first_path[0]}: cannot be removed.", "mutability")
            self.pending["external_id"] = ""
        elif key == ("displayname", None, None):
            self.pending["display_name"] = text(value, "displayName", required=True)
        elif key == ("externalid", None, None):
            self.pending["external_id"] = text(value, "externalId") or ""

    def save(self):
        """Create or change the team and its members through the provisioning actions."""
        token = getattr(self.request, "scim_token", None)
        if self.obj.pk is None:
            team = provision_team(
                self.request.organization,
                self.pending.pop("display_name"),
                external_id=self.pending.pop("external_id", ""),
                parent=self.pending.pop("parent", None),
                level=self.pending.pop("level", Level.TACTICAL),
                token=token,
            )
        else:
            team = update_group(self.obj, **self.pending, token=token)
        for change, people in self.member_changes:
            if change == "add":
                add_members(team, people, token)
            elif change == "remove":
                remove_members(team, people, token)
            else:
                set_members(team, people, token)
        self.obj = Team.objects.select_related("provisioning").get(pk=team.pk)
        self.pending, self.member_changes = {}, []

    def delete(self):
        """Delete the team of a deleted group, or keep it with its OKRs and release it."""
        release_team(self.obj, getattr(self.request, "scim_token", None))
