"""What the person and team adapters share: reading SCIM values and PATCH operations."""

from django_scim import constants
from django_scim.adapters import SCIMMixin
from django_scim.exceptions import BadRequestError
from scim2_filter_parser.parser import SCIMParserError

SCHEMA_ERROR = "invalidValue"
EXTENSION_SCHEMA = "urn:okrs:params:scim:schemas:extension:team:2.0:Group"


def as_id(value) -> int | None:
    """Return a SCIM id as a row's number; None for one that cannot be ours."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


def lowered_keys(body: dict) -> dict:
    """Return the body with its attribute names in lower case (SCIM names ignore case)."""
    return {key.lower(): value for key, value in body.items() if isinstance(key, str)}


def invalid(detail: str, scim_type: str = SCHEMA_ERROR) -> BadRequestError:
    """Return a SCIM 400 error naming what is wrong."""
    return BadRequestError(detail, scim_type=scim_type)


def text(value, attribute: str, *, required: bool = False) -> str | None:
    """Return a string value; None for a missing one, or an error when it is required."""
    if value is None or (required and isinstance(value, str) and not value.strip()):
        if required:
            raise invalid(f"{attribute}: required.")
        return None
    if not isinstance(value, str):
        raise invalid(f"{attribute}: must be a string, got {type(value).__name__}.")
    return value


def boolean(value, attribute: str) -> bool:
    """Return a boolean value; "True" and "False" as strings too, as Microsoft Entra sends them."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise invalid(f"{attribute}: must be true or false, got {value!r}.")


def key_of(path) -> tuple[str | None, ...]:
    """Return an attribute path (name, sub-attribute, schema) in lower case."""
    return tuple(part.lower() if part else None for part in path)


class PatchOperations(SCIMMixin):
    """Reads PATCH operations as Okta and Microsoft Entra send them; the adapter applies each."""

    def _default_validate_op(self, path, value, operation):
        """Check nothing here: each value's type is checked where the adapter reads it."""

    def split_path(self, path):
        """Return the operation's path parsed, or a SCIM invalidPath error."""
        if not isinstance(path, str):
            raise invalid(f"path: must be a string, got {type(path).__name__}.", "invalidPath")
        try:
            return super().split_path(path)
        except (SCIMParserError, ValueError):
            raise invalid(f"path: {path!r} is not an attribute path.", "invalidPath") from None

    def handle_operations(self, operations):
        """Apply every operation in order, then save once: all or nothing."""
        if not isinstance(operations, list):
            raise invalid("Operations: must be a list of operations.", "invalidSyntax")
        for operation in operations:
            if not isinstance(operation, dict) or not isinstance(operation.get("op"), str):
                raise invalid('Operations: each operation needs an "op".', "invalidSyntax")
            op = operation["op"].lower()
            if op not in constants.VALID_PATCH_OPS:
                raise invalid(
                    f"op: {operation['op']!r} is not add, remove or replace.", "invalidSyntax"
                )
            path, value = operation.get("path"), operation.get("value")
            if op == "remove" and not path:
                raise invalid('Operations: "remove" needs a "path".', "noTarget")
            if not path and not isinstance(value, dict):
                raise invalid(
                    "Operations: without a path, the value must be an object.", "invalidValue"
                )
            for attribute, attribute_value in self.parse_path_and_values(path, value):
                self.apply(op, attribute, attribute_value, path)
        self.save()

    def apply(self, op: str, path, value, raw_path: str | None) -> None:
        """Apply one operation on one attribute to what the adapter will save."""
        raise NotImplementedError
