"""Import sets every person's teams and roles, new ones in bulk, as joining one by one would."""

from okrs.domain.okrfile import read_document
from okrs.exchange.importer import import_document
from okrs.organizations.models import Membership

PEOPLE = """\
organization: Acme Water
teams:
  - {id: acme, name: Acme Water, level: company}
  - {id: growth, name: Growth, level: tactical, parent: acme}
  - {id: support, name: Support, level: tactical, parent: acme}
people:
  - {id: alice, teams: [support], leads: [growth]}
  - {id: carol, teams: [growth], leads: [growth]}
  - {id: bob, teams: [support]}
objectives: []
"""


ONCE = PEOPLE.replace(
    "{id: carol, teams: [growth], leads: [growth]}", "{id: carol, leads: [growth]}"
)


def roles() -> dict:
    """Return each (person, team) and its role."""
    return {
        (m.person.handle, m.team.slug): m.role
        for m in Membership.objects.select_related("person", "team")
    }


def test_the_role_named_last_wins_and_a_second_import_changes_nothing(db):
    _, counts = import_document(read_document(PEOPLE))
    assert roles() == {
        ("alice", "growth"): "lead",
        ("alice", "support"): "member",
        ("carol", "growth"): "lead",
        ("bob", "support"): "member",
    }
    assert counts["memberships set"] == 5  # carol's growth is set as member, then as lead
    _, counts = import_document(read_document(ONCE))
    assert counts == {}


def test_a_changed_role_is_updated_in_place(db):
    import_document(read_document(ONCE))
    before = {m.pk for m in Membership.objects.all()}
    changed = ONCE.replace("{id: bob, teams: [support]}", "{id: bob, leads: [support, growth]}")
    _, counts = import_document(read_document(changed))
    assert counts["memberships set"] == 2
    assert roles()[("bob", "support")] == "lead"
    assert roles()[("bob", "growth")] == "lead"
    assert before < {m.pk for m in Membership.objects.all()}
