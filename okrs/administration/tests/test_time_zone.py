"""Each organisation has its own time zone: pages show its dates, its cadence follows it."""

from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from conftest import signed_in
from okrs.cadence.models import CadenceEvent
from okrs.cycles.actions import create_cycle
from okrs.organizations.actions import create_organization
from okrs.organizations.audit import record_change


def test_pages_show_moments_in_the_organisations_time_zone(world, clock):
    world.org.time_zone = "Pacific/Auckland"
    world.org.save()
    clock.move_to("2026-12-07T12:30:00Z")
    record_change(world.org, world.admin, "team.renamed", "Growth is now Growth Lab")

    body = signed_in(world.admin).get("/administration/history/").content.decode()

    assert "8 Dec 2026, 01:30" in body  # 12:30 UTC is 01:30 the next day in Auckland
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE  # not kept past the page


def test_an_organisation_without_a_time_zone_keeps_the_servers(world, clock):
    clock.move_to("2026-12-07T12:30:00Z")
    record_change(world.org, world.admin, "team.renamed", "Growth is now Growth Lab")

    body = signed_in(world.admin).get("/administration/history/").content.decode()

    assert world.org.zone_name() == settings.TIME_ZONE == "UTC"
    assert "7 Dec 2026, 12:30" in body


def test_the_cadence_schedules_in_the_organisations_time_zone(db):
    org = create_organization("Kiwi Water", time_zone="Pacific/Auckland")

    create_cycle(org, "2027-Q1", date(2027, 1, 1), date(2027, 3, 31), state="active")

    zones = set(CadenceEvent.objects.of(org).values_list("time_zone", flat=True))
    assert zones == {"Pacific/Auckland"}


def test_an_unknown_time_zone_is_refused_by_name(db):
    with pytest.raises(ValidationError) as refused:
        create_organization("Atlantis", time_zone="Atlantis/Capital")

    assert "Unknown time zone 'Atlantis/Capital'" in refused.value.message_dict["time_zone"][0]
