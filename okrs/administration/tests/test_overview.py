"""The administration's front page and history: for the organisation's admins only."""

from conftest import signed_in
from okrs.organizations.audit import record_change


def test_an_admin_sees_the_latest_changes_of_the_organisation(world, other_world):
    record_change(world.org, world.admin, "person.role_changed", "Alice Doe is now a leader")
    record_change(other_world["org"], other_world["person"], "team.created", "Globex secret team")

    page = signed_in(world.admin).get("/administration/")

    assert page.status_code == 200
    assert "Alice Doe is now a leader" in page.content.decode()
    assert "Globex secret team" not in page.content.decode()


def test_the_history_lists_every_change_newest_first(world):
    for number in range(3):
        record_change(world.org, world.admin, "team.renamed", f"Change number {number}")

    body = signed_in(world.admin).get("/administration/history/").content.decode()

    assert body.index("Change number 2") < body.index("Change number 0")


def test_a_member_may_not_open_the_administration(world):
    client = signed_in(world.alice)

    assert client.get("/administration/").status_code == 403
    assert client.get("/administration/history/").status_code == 403


def test_the_main_navigation_offers_the_administration_to_admins_only(world):
    assert 'href="/administration/"' in signed_in(world.admin).get("/").content.decode()
    assert 'href="/administration/"' not in signed_in(world.alice).get("/").content.decode()
