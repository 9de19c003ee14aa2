"""A team's KPIs from its page: created, edited, archived and read, by those who write its OKRs."""

from datetime import date

from django.urls import reverse
from django.utils.timezone import localdate

from conftest import signed_in
from okrs.kpis.actions import archive_kpi, create_kpi, record_measurement
from okrs.kpis.models import KPI


def test_the_team_page_offers_its_people_to_add_and_open_kpis(world):
    kpi = create_kpi(world.growth, "Donor churn", upper_bound=5, unit="%")

    lead = signed_in(world.alice).get(reverse("team", args=["growth"])).content.decode()
    other = signed_in(world.bob).get(reverse("team", args=["growth"])).content.decode()

    assert reverse("kpi-new", args=["growth"]) in lead
    assert reverse("kpi", args=[kpi.pk]) in lead
    assert reverse("kpi-new", args=["growth"]) not in other


def test_a_lead_adds_a_kpi_with_its_healthy_range(world):
    response = signed_in(world.alice).post(
        reverse("kpi-new", args=["growth"]),
        {"name": "Donor churn", "unit": "%", "upper_bound": "5", "description": "Monthly"},
    )

    kpi = KPI.objects.get(team=world.growth)
    assert response.status_code == 302
    assert (kpi.name, kpi.lower_bound, kpi.upper_bound, kpi.unit) == ("Donor churn", None, 5, "%")


def test_a_kpi_without_a_bound_is_refused_with_the_field_named(world):
    response = signed_in(world.alice).post(
        reverse("kpi-new", args=["growth"]), {"name": "Mood", "unit": ""}
    )

    assert response.status_code == 422
    assert response.context["form"].errors["lower_bound"] == [
        "Give a lower or an upper bound, or both."
    ]
    assert not KPI.objects.filter(name="Mood").exists()


def test_an_upper_bound_below_the_lower_is_refused(world):
    response = signed_in(world.alice).post(
        reverse("kpi-new", args=["growth"]),
        {"name": "Mood", "lower_bound": "8", "upper_bound": "3"},
    )

    assert response.status_code == 422
    assert "upper_bound" in response.context["form"].errors


def test_edit_the_healthy_range(world):
    kpi = create_kpi(world.growth, "Donor churn", upper_bound=5, unit="%")

    signed_in(world.alice).post(
        reverse("kpi-edit", args=[kpi.pk]),
        {"name": "Donor churn", "unit": "%", "lower_bound": "1", "upper_bound": "4"},
    )

    kpi.refresh_from_db()
    assert (kpi.lower_bound, kpi.upper_bound) == (1, 4)


def test_enter_a_reading_for_a_day(world):
    kpi = create_kpi(world.growth, "Donor churn", upper_bound=5, unit="%")

    response = signed_in(world.alice).post(
        reverse("kpi-measure", args=[kpi.pk]), {"day": "2026-12-01", "value": "6.5", "note": "Q4"}
    )

    reading = kpi.measurements.get()
    assert response.status_code == 302
    assert (localdate(reading.measured_at), reading.value, reading.note) == (
        date(2026, 12, 1),
        6.5,
        "Q4",
    )
    page = signed_in(world.alice).get(reverse("kpi", args=[kpi.pk])).content.decode()
    assert "outside the range" in page


def test_a_reading_in_the_future_or_not_a_number_is_refused_by_field(world):
    kpi = create_kpi(world.growth, "Donor churn", upper_bound=5)

    response = signed_in(world.alice).post(
        reverse("kpi-measure", args=[kpi.pk]), {"day": "2026-12-08", "value": "lots"}
    )

    assert response.status_code == 422
    errors = response.context["form"].errors
    assert errors["day"] == ["A reading cannot be in the future."]
    assert "value" in errors
    assert not kpi.measurements.exists()


def test_archive_a_kpi_keeps_its_readings_and_takes_no_new_one(world):
    kpi = create_kpi(world.growth, "Donor churn", upper_bound=5)
    record_measurement(kpi, 4)
    client = signed_in(world.alice)

    client.post(reverse("kpi-archive", args=[kpi.pk]))
    refused = client.post(
        reverse("kpi-measure", args=[kpi.pk]), {"day": "2026-12-07", "value": "3"}
    )

    assert refused.status_code == 422
    assert "archived" in refused.content.decode()
    assert list(kpi.measurements.values_list("value", flat=True)) == [4]
    team = client.get(reverse("team", args=["growth"])).content.decode()
    assert "Archived: " in team


def test_unarchive_a_kpi(world):
    kpi = create_kpi(world.growth, "Donor churn", upper_bound=5)
    archive_kpi(kpi)

    signed_in(world.admin).post(reverse("kpi-unarchive", args=[kpi.pk]))

    assert KPI.objects.get(pk=kpi.pk).archived_at is None


def test_someone_outside_the_team_reads_but_may_not_write(world):
    kpi = create_kpi(world.growth, "Donor churn", upper_bound=5)
    client = signed_in(world.bob)

    page = client.get(reverse("kpi", args=[kpi.pk]))
    refused = client.post(
        reverse("kpi-measure", args=[kpi.pk]), {"day": "2026-12-01", "value": "3"}
    )

    assert page.status_code == 200
    assert "Enter a reading" not in page.content.decode()
    assert refused.status_code == 403
    assert not kpi.measurements.exists()


def test_another_organisations_kpi_is_unknown(world, other_world):
    theirs = create_kpi(other_world["team"], "Their KPI", lower_bound=1)
    client = signed_in(world.admin)

    assert client.get(reverse("kpi", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("kpi-archive", args=[theirs.pk])).status_code == 404
    slug = other_world["team"].slug
    assert client.post(reverse("kpi-new", args=[slug]), {"name": "x"}).status_code == 404
    assert KPI.objects.get(pk=theirs.pk).archived_at is None
