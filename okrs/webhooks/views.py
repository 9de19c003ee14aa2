"""Pages where organisation admins manage webhook endpoints and watch their deliveries."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from okrs import clock
from okrs.organizations.access import organization_required
from okrs.organizations.models import Role
from okrs.webhooks import actions
from okrs.webhooks.forms import EndpointForm
from okrs.webhooks.models import Delivery, Endpoint
from okrs.webhooks.signing import standard_secret

RECENT_DELIVERIES = 10
NEW_SECRET = "webhooks.new_secret"


def admin_required(view):
    """Require an admin of the organisation."""

    @organization_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.role != Role.ADMIN:
            raise PermissionDenied("Only the organisation's admins manage webhooks.")
        return view(request, *args, **kwargs)

    return wrapper


@admin_required
def endpoint_list(request):
    """List the endpoints with their events and latest deliveries."""
    recent = Delivery.objects.order_by("-created_at", "-id")[:RECENT_DELIVERIES]
    endpoints = Endpoint.objects.of(request.organization).prefetch_related(
        Prefetch("deliveries", queryset=recent, to_attr="recent_deliveries")
    )
    context = {
        "endpoints": list(endpoints),
        "new_secret": request.session.pop(NEW_SECRET, None),
        "now": clock.now(),
    }
    return render(request, "webhooks/endpoints.html", context)


@admin_required
def endpoint_new(request):
    """Register an endpoint; its secret is shown once, on the list page that follows."""
    form = EndpointForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            endpoint = actions.create_endpoint(
                request.organization, created_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            request.session[NEW_SECRET] = {
                "url": endpoint.url,
                "secret": endpoint.secret,
                "standard": standard_secret(endpoint.secret),
            }
            messages.success(request, f"Added the endpoint {endpoint.url}.")
            return redirect("webhooks")
    status = 422 if form.is_bound else 200
    return render(request, "webhooks/endpoint_form.html", {"form": form}, status=status)


@require_POST
@admin_required
def endpoint_active(request, pk):
    """Pause or resume deliveries to an endpoint."""
    endpoint = get_object_or_404(Endpoint.objects.of(request.organization), pk=pk)
    actions.update_endpoint(endpoint, active=not endpoint.active)
    state = "Resumed" if endpoint.active else "Paused"
    messages.success(request, f"{state} deliveries to {endpoint.url}.")
    return redirect("webhooks")


@require_POST
@admin_required
def endpoint_delete(request, pk):
    """Delete an endpoint and its deliveries."""
    endpoint = get_object_or_404(Endpoint.objects.of(request.organization), pk=pk)
    actions.delete_endpoint(endpoint)
    messages.success(request, f"Deleted the endpoint {endpoint.url}.")
    return redirect("webhooks")


@require_POST
@admin_required
def delivery_redeliver(request, pk):
    """Queue a delivery again, due now."""
    delivery = get_object_or_404(Delivery.objects.of(request.organization), pk=pk)
    actions.redeliver(delivery)
    messages.success(request, f"Queued the {delivery.event} delivery again.")
    return redirect("webhooks")
