"""Django admin lists and shows endpoints and deliveries."""

from django.urls import reverse

from conftest import PASSWORD
from okrs.organizations.models import Person
from okrs.webhooks.events import emit
from okrs.webhooks.models import Delivery


def test_admin_pages_of_endpoints_and_deliveries_render(client, world, endpoint):
    emit(world.org.pk, "cycle.closed", {"cycle": {"id": 1}})
    Person.objects.create_superuser("root@example.com", PASSWORD)
    assert client.login(username="root@example.com", password=PASSWORD)
    delivery = Delivery.objects.get()
    for name, pk in (("endpoint", endpoint.pk), ("delivery", delivery.pk)):
        assert client.get(reverse(f"admin:webhooks_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:webhooks_{name}_change", args=[pk])).status_code == 200
