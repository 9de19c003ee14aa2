"""The organisation's settings page: name, profile, scale, time zone, check-in day; SSO shown."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from okrs.administration.organization_settings import (
    LABELS,
    own_check_in_weekday,
    update_organization_settings,
)
from okrs.administration.setup_forms import OrganizationSettingsForm
from okrs.cadence.queries import profile_defaults
from okrs.domain.cadence import WEEKDAY_NAMES
from okrs.organizations.access import admin_required
from okrs.organizations.models import time_zone_names


def single_sign_on(organization) -> dict:
    """Return what people may know of the single sign-on set up from the environment."""
    provider = settings.OIDC_ISSUER or settings.OIDC_OP_AUTHORIZATION_ENDPOINT
    return {
        "configured": settings.OIDC_ENABLED,
        "provider": provider,
        "creates_people_here": organization.slug == settings.OIDC_CREATE_PEOPLE,
    }


@admin_required
def organization_settings(request):
    """Show the organisation's settings; on POST store the changes and keep them in the history."""
    organization = request.organization
    default_weekday = WEEKDAY_NAMES[profile_defaults(organization).check_in_weekday]
    initial = {
        "name": organization.name,
        "profile": organization.profile,
        "score_scale": organization.score_scale,
        "time_zone": organization.time_zone,
        "check_in_weekday": own_check_in_weekday(organization),
    }
    form = OrganizationSettingsForm(
        request.POST or None, initial=initial, default_weekday=default_weekday
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes = update_organization_settings(organization, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_errors(error)
        else:
            if changes:
                said = "; ".join(_said(change) for change in changes)
                messages.success(request, f"Saved: {said}.")
            else:
                messages.success(request, "Nothing changed.")
            return redirect("administration-settings")
    context = {
        "form": form,
        "time_zones": sorted(time_zone_names()),
        "sso": single_sign_on(organization),
    }
    status = 422 if form.errors else 200
    return render(request, "administration/settings.html", context, status=status)


def _said(change) -> str:
    return f"the {LABELS[change.setting]} is now {change.after}"
