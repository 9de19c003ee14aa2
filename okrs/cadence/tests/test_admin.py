"""Django admin lists and opens cadence settings, events and calendar feeds."""

from django.urls import reverse

from okrs.cadence.actions import create_feed, update_team_cadence
from okrs.cadence.models import CadenceEvent, CadenceSettings, CalendarFeed
from okrs.cadence.tests.conftest import BEFORE_Q1
from okrs.organizations.models import Person


def test_admin_pages_of_the_cadence_render(client, world, quarter):
    update_team_cadence(world.growth, {"daily_alignment": True}, now=BEFORE_Q1)
    create_feed(world.org, world.growth)
    root = Person.objects.create_superuser("root@example.com", "pw-root-12345")
    client.force_login(root)

    for model in (CadenceSettings, CadenceEvent, CalendarFeed):
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        response = client.get(changelist)
        assert response.status_code == 200, changelist
        first = model.objects.first()
        change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
        assert client.get(change).status_code == 200, change
        assert str(first) in response.content.decode()
