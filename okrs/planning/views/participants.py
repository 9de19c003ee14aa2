"""Who should be at a cadence event: the panel the event page loads from planning."""

from django.shortcuts import get_object_or_404, render

from okrs.cadence.models import CadenceEvent
from okrs.organizations.access import organization_required
from okrs.planning.participants import event_people


@organization_required
def event_people_panel(request, pk):
    """Show a check-in's cross-team dependencies and outsiders, or a review's stakeholders."""
    event = get_object_or_404(
        CadenceEvent.objects.of(request.organization).select_related("team", "cycle"), pk=pk
    )
    context = {"event": event, "people": event_people(event)}
    template = "planning/_event_people.html" if request.htmx else "planning/event_people.html"
    return render(request, template, context)
