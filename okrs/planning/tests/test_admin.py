"""The planning rows have working Django admin pages."""

from django.urls import reverse

from conftest import PASSWORD
from okrs.organizations.models import Person
from okrs.planning import actions


def test_planning_admin_change_pages_render(client, world, plan):
    session = actions.open_planning(plan.q2, world.admin, [plan.strategic], "Go")
    note = actions.add_planning_note(plan.q2, world.growth, "need", "Designers", world.support)
    candidate = actions.add_candidate(world.growth, "Be the charity students volunteer for")
    Person.objects.create_superuser("root@example.com", PASSWORD)
    assert client.login(username="root@example.com", password=PASSWORD)
    for name, row in [
        ("planningsession", session),
        ("teamplanningnote", note),
        ("candidateobjective", candidate),
    ]:
        page = client.get(reverse(f"admin:planning_{name}_change", args=[row.pk]))
        assert page.status_code == 200, name
        listing = client.get(reverse(f"admin:planning_{name}_changelist"))
        assert str(row) in listing.content.decode()
