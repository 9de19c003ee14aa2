"""Routes of the SCIM 2.0 endpoint, mounted at /scim/v2/ (names as django-scim2 reverses them)."""

from django.urls import re_path
from django_scim.views import ResourceTypesView, SchemasView, ServiceProviderConfigView

from okrs.administration.scim.views import PeopleView, TeamsView

app_name = "scim"

urlpatterns = [
    re_path(r"^Users(?:/(?P<uuid>[^/]+))?$", PeopleView.as_view(), name="users"),
    re_path(r"^Groups(?:/(?P<uuid>[^/]+))?$", TeamsView.as_view(), name="groups"),
    re_path(
        r"^ServiceProviderConfig$",
        ServiceProviderConfigView.as_view(),
        name="service-provider-config",
    ),
    re_path(
        r"^ResourceTypes(?:/(?P<uuid>[^/]+))?$", ResourceTypesView.as_view(), name="resource-types"
    ),
    re_path(r"^Schemas(?:/(?P<uuid>[^/]+))?$", SchemasView.as_view(), name="schemas"),
]
