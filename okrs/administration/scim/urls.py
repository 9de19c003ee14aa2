"""Routes of the SCIM 2.0 endpoint, mounted at /scim/v2/ (names as django-scim2 reverses them).

A slash before or after a path is tolerated: identity providers join base URL and path loosely.
The leading one is written `(?:/)?`: it is meant, not the slip Django's check warns of (urls.W002).
"""

from django.urls import re_path
from django_scim.views import ResourceTypesView, SchemasView, ServiceProviderConfigView

from okrs.administration.scim.views import PeopleView, TeamsView, UnknownEndpoint

app_name = "scim"


def resource(name: str) -> str:
    """Return the pattern of a collection and its members, e.g. Users and Users/5."""
    return rf"^(?:/)?{name}(?:/(?P<uuid>[^/]+))?/?$"


urlpatterns = [
    re_path(resource("Users"), PeopleView.as_view(), name="users"),
    re_path(resource("Groups"), TeamsView.as_view(), name="groups"),
    re_path(
        r"^(?:/)?ServiceProviderConfig/?$",
        ServiceProviderConfigView.as_view(),
        name="service-provider-config",
    ),
    re_path(resource("ResourceTypes"), ResourceTypesView.as_view(), name="resource-types"),
    re_path(resource("Schemas"), SchemasView.as_view(), name="schemas"),
    re_path(r"", UnknownEndpoint.as_view(), name="unknown"),
]
