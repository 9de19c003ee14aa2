"""The SCIM 2.0 endpoint at /scim/v2/: django-scim2's views, scoped to the token's organisation.

django-scim2 is single-tenant: it finds a resource by id alone and filters a search in Python
after a raw query over every organisation. Here every lookup, list and filter starts from the
token's organisation (`scim_people`, `scim_teams`), so another organisation's ids answer 404.
"""

import json
from functools import wraps

from django.core.exceptions import RequestDataTooBig, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django_scim import constants
from django_scim import exceptions as scim
from django_scim.views import GroupsView, SCIMView, UsersView

from okrs.administration.scim.common import as_id
from okrs.administration.scim.filters import (
    PERSON_ATTRIBUTES,
    TEAM_ATTRIBUTES,
    FilterError,
    filter_query,
)
from okrs.administration.scim.provisioning import Taken, scim_people, scim_teams
from okrs.administration.scim.service import MAX_RESULTS, scim_error
from okrs.organizations.actions import TeamError
from okrs.organizations.models import Membership

DEFAULT_COUNT = 100


def _message(error: ValidationError) -> str:
    """Return every message of a validation error as one sentence."""
    if hasattr(error, "error_dict"):
        return " ".join(m for messages in error.message_dict.values() for m in messages)
    return " ".join(error.messages)


def _as_scim_errors(handler):
    """Run the handler in one transaction and answer what the actions refuse as SCIM errors."""

    @wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return handler(self, request, *args, **kwargs)
        except Taken as error:
            raise scim.IntegrityError(_message(error), scim_type="uniqueness") from None
        except ValidationError as error:
            raise scim.BadRequestError(_message(error), scim_type="invalidValue") from None
        except TeamError as error:
            raise scim.BadRequestError(str(error), scim_type="invalidValue") from None
        except FilterError as error:
            raise scim.BadRequestError(str(error), scim_type="invalidFilter") from None
        except RequestDataTooBig:
            raise scim.SCIMException("The request body is too large.", status=413) from None
        except IntegrityError:
            detail = "userName or displayName: already taken."
            raise scim.IntegrityError(detail, scim_type="uniqueness") from None

    return wrapper


def _number(request, name: str, default: int) -> int:
    """Return a paging parameter as a number."""
    value = request.GET.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError:
        raise scim.BadRequestError(f"{name}: must be a number.", scim_type="invalidValue") from None


class OrganisationScoped(SCIMView):
    """A SCIM resource view that reads and writes only the token's organisation's rows."""

    attributes: dict = {}

    def resources(self, request):
        """Return the rows of the token's organisation this view serves."""
        raise NotImplementedError

    def get_object(self):
        """Return the row the path names, or a SCIM 404 for any id outside the organisation."""
        uuid = self.kwargs.get(self.lookup_url_kwarg)
        if uuid is None:
            raise scim.SCIMException("This method needs a resource id in the path.", status=405)
        number = as_id(uuid)
        found = self.resources(self.request).filter(pk=number).first() if number else None
        if found is None:
            raise scim.NotFoundError(uuid)
        return found

    def get_many(self, request):
        """List the organisation's rows, filtered and paged as asked."""
        rows = self.resources(request)
        query = request.GET.get("filter")
        if query:
            try:
                rows = rows.filter(filter_query(query, self.attributes)).distinct()
            except ValidationError as error:  # a value the field cannot hold, e.g. active gt 5
                raise FilterError(f"filter: {query!r}: {_message(error)}") from None
        return self._build_response(request, rows.order_by("id"), *self._page(request))

    def _page(self, request) -> tuple[int, int]:
        """Return startIndex (from 1) and count (at most MAX_RESULTS), as RFC 7644 reads them."""
        start = max(_number(request, "startIndex", 1), 1)
        count = min(max(_number(request, "count", DEFAULT_COUNT), 0), MAX_RESULTS)
        return start, count

    def _build_response(self, request, rows, start, count):
        """Return one page of rows as a SCIM ListResponse."""
        page = list(rows[start - 1 : start - 1 + count])
        document = {
            "schemas": [constants.SchemaURI.LIST_RESPONSE],
            "totalResults": rows.count(),
            "itemsPerPage": len(page),
            "startIndex": start,
            "Resources": [self.scim_adapter(row, request=request).to_dict() for row in page],
        }
        return HttpResponse(json.dumps(document), content_type=constants.SCIM_CONTENT_TYPE)

    def load_body(self, body: bytes) -> dict:
        """Return the request's JSON object, or a SCIM invalidSyntax error."""
        try:
            document = json.loads(body.decode("utf-8").strip() or "{}")
        except (UnicodeDecodeError, ValueError) as error:
            raise scim.BadRequestError(
                f"The body is not JSON: {error}", scim_type="invalidSyntax"
            ) from None
        if not isinstance(document, dict):
            raise scim.BadRequestError("The body must be a JSON object.", scim_type="invalidSyntax")
        return document

    @_as_scim_errors
    def get(self, request, *args, **kwargs):
        """Answer one resource or a list."""
        return super().get(request, *args, **kwargs)

    @_as_scim_errors
    def post(self, request, *args, **kwargs):
        """Create a resource; only on the collection."""
        if kwargs.get(self.lookup_url_kwarg):
            raise scim.SCIMException("POST creates: send it to the collection.", status=405)
        return super().post(request, *args, **kwargs)

    @_as_scim_errors
    def put(self, request, *args, **kwargs):
        """Replace a resource."""
        return super().put(request, *args, **kwargs)

    @_as_scim_errors
    def patch(self, request, *args, **kwargs):
        """Change a resource by PATCH operations."""
        return super().patch(request, *args, **kwargs)

    @_as_scim_errors
    def delete(self, request, *args, **kwargs):
        """Deactivate a person, or delete (or release) a team."""
        return super().delete(request, *args, **kwargs)


class UnknownEndpoint(View):
    """Answer a path the SCIM endpoint does not have (Bulk, Me, .search...) with a SCIM 404."""

    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        """Answer every method alike; nothing is read or written."""
        detail = "No such SCIM endpoint: okrs serves Users, Groups, ServiceProviderConfig, "
        return scim_error(404, detail + "ResourceTypes and Schemas.")


class PeopleView(OrganisationScoped, UsersView):
    """/scim/v2/Users: the organisation's people."""

    attributes = PERSON_ATTRIBUTES

    def resources(self, request):
        """Return the organisation's people with what their SCIM form shows."""
        memberships = Membership.objects.select_related("team__provisioning")
        return (
            scim_people(request.organization)
            .select_related("provisioning")
            .prefetch_related(Prefetch("memberships", queryset=memberships))
        )


class TeamsView(OrganisationScoped, GroupsView):
    """/scim/v2/Groups: the organisation's teams."""

    attributes = TEAM_ATTRIBUTES

    def resources(self, request):
        """Return the organisation's teams with their members."""
        memberships = Membership.objects.select_related("person")
        return (
            scim_teams(request.organization)
            .select_related("provisioning")
            .prefetch_related(Prefetch("memberships", queryset=memberships))
        )
