"""Check-in coverage and quiet teams, folded from the objectives' own check-in figures."""

from datetime import UTC, datetime, timedelta

from okrs.domain.coverage import check_in_coverage, quiet_teams

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def row(team, state="active", key_results=2, fresh=0, days_ago=None, name=None):
    """Return an objective's row as the dashboard reads it."""
    last = NOW - timedelta(days=days_ago) if days_ago is not None else None
    return {
        "state": state,
        "team__slug": team,
        "team__name": name or (team.title() if team else None),
        "key_results": key_results,
        "fresh": fresh,
        "last_check_in": last,
    }


def test_coverage_counts_only_active_objectives():
    rows = [
        row("growth", fresh=2),
        row("support", key_results=3, fresh=1),
        row("growth", state="draft", key_results=4, fresh=4),
        row("growth", state="completed", key_results=5, fresh=5),
        row(None, key_results=1, fresh=0),
    ]
    assert check_in_coverage(rows) == (3, 6)
    assert check_in_coverage([]) == (0, 0)


def test_a_team_is_quiet_when_its_latest_check_in_is_before_the_window():
    rows = [
        row("growth", days_ago=20),
        row("growth", days_ago=3),  # one recent check-in keeps the team off the list
        row("support", days_ago=20),
        row("support", days_ago=15),
        row("marketing"),  # never checked in
        row("sales", state="draft"),  # drafts do not count
        row(None, days_ago=30),  # individual OKRs have no team to list
    ]
    quiet = quiet_teams(rows, NOW - timedelta(days=14))
    assert [(t["name"], t["slug"]) for t in quiet] == [
        ("Marketing", "marketing"),
        ("Support", "support"),
    ]
    assert quiet[0]["last"] is None
    assert quiet[1]["last"] == NOW - timedelta(days=15)


def test_teams_are_sorted_by_name_then_slug():
    rows = [row("b-team", name="Alpha"), row("a-team", name="Alpha"), row("zed", name="Able")]
    assert [t["slug"] for t in quiet_teams(rows, NOW)] == ["zed", "a-team", "b-team"]
