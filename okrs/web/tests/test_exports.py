"""Files people share: a cycle's OKRs, a team's check-ins, the dashboard's tables (CSV, XLSX)."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import signed_in
from okrs import clock
from okrs.cycles.actions import create_cycle
from okrs.domain.states import look
from okrs.objectives.actions import (
    add_key_result,
    align,
    create_objective,
    link_key_result,
    record_check_in,
)
from okrs.objectives.models import Objective
from okrs.objectives.scorecards import scorecards_for
from okrs.web.exports import CHECK_IN_HEADER, CYCLE_HEADER

FORMULAS = ('=HYPERLINK("http://evil.test","open me")', "+1", "-2", "@x")


@pytest.fixture
def okrs(world):
    """Give Acme a company objective run by Growth's linked objective, a draft and a quiet one."""
    company = world.objective(team=world.company, title="Every household has clean water")
    growth = world.objective(title="Make clean water a topic", owner=world.alice)
    align(growth, company)
    link_key_result(company.key_results.first(), growth)
    signatures = growth.key_results.get(title__startswith="Grow")
    record_check_in(signatures, 60000, 7, author=world.alice, progress_note="Halfway there")
    draft = create_objective(world.quarter, "Growth's secret draft", team=world.growth)
    add_key_result(draft, "Draft key result", start=0, target=10)
    world.objective(team=world.support, title="Answer every household within a day")
    tricky = create_objective(world.quarter, FORMULAS[0], team=world.support, status="active")
    for title in FORMULAS[1:]:
        add_key_result(tricky, title, start=0, target=5)
    return {"company": company, "growth": growth, "draft": draft, "tricky": tricky}


def expected_rows(objectives: list[Objective], scale: str) -> list[list[str]]:
    """Return the rows the scorecards give, as a CSV writes them (before neutralising)."""
    cards = scorecards_for(objectives, scale, clock.today())
    rows = []
    for objective in objectives:
        card = cards[objective.pk]
        mine = [
            objective.cycle.name,
            objective.team.name,
            objective.team.get_level_display(),
            objective.title,
        ]
        owner = str(objective.owner) if objective.owner else ""
        confidence = "" if card.confidence is None else str(card.confidence)
        rows.append(
            [*mine, "", "", "", "", "", "", str(card.percent()), card.score_label]
            + [look(card.state).label, confidence, _last(card), owner]
        )
        for kr_card in card.key_results:
            kr = kr_card.key_result
            rows.append(
                [*mine, kr.title, f"{kr.type} / {kr.effective_direction()}"]
                + [_num(kr.start), _num(kr.target), _num(kr.current), kr.unit]
                + [str(kr_card.percent()), kr_card.score_label, look(kr_card.state).label]
                + ["" if kr.confidence is None else str(kr.confidence)]
                + [_day(kr.checked_in_at), owner]
            )
    return rows


def _num(value) -> str:
    return "" if value is None else f"{value:g}"


def _day(moment) -> str:
    return timezone.localdate(moment).isoformat() if moment else ""


def _last(card) -> str:
    moments = [k.key_result.checked_in_at for k in card.key_results if k.key_result.checked_in_at]
    return _day(max(moments)) if moments else ""


def in_tree_order(world, *objectives) -> list[Objective]:
    """Return the objectives loaded as the scorecards need them, company level first."""
    depth = {"company": 0, "strategic": 1, "tactical": 2}
    loaded = Objective.objects.filter(pk__in=[o.pk for o in objectives]).select_related(
        "cycle", "team", "owner"
    )
    return sorted(loaded, key=lambda o: (depth[o.team.level], o.team.name, o.pk))


def read_csv(response) -> list[list[str]]:
    """Return the rows of a CSV download."""
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def read_xlsx(response) -> dict[str, list[list]]:
    """Return the rows of every sheet of an XLSX download."""
    workbook = load_workbook(io.BytesIO(response.content))
    return {sheet.title: [list(row) for row in sheet.iter_rows()] for sheet in workbook}


def tree_export(person, world, kind="csv", **filters):
    return signed_in(person).get(
        reverse(f"tree-export-{kind}"), {"cycle": world.quarter.pk, **filters}
    )


def test_the_cycle_csv_carries_the_scorecards_figures_and_the_own_teams_draft(world, okrs):
    response = tree_export(world.alice, world)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="acme-2027-q1-okrs.csv"'
    header, *rows = read_csv(response)
    assert header == list(CYCLE_HEADER)
    objectives = in_tree_order(world, *okrs.values(), *Objective.objects.filter(team=world.support))
    expected = expected_rows(objectives, world.org.score_scale)
    for row in expected:  # as the CSV writes a title that looks like a formula
        row[3:5] = [f"'{c}" if c.startswith(("=", "+", "-", "@")) else c for c in row[3:5]]
    assert rows == expected
    draft = [r for r in rows if r[3] == "Growth's secret draft"]
    assert [r[12] for r in draft] == ["Draft", "Draft"]
    linked = [r for r in rows if r[3] == "Every household has clean water" and not r[4]][0]
    assert linked[10] == str(round(okrs_progress(world, okrs["company"]) * 100)) != "0"
    quiet = [r for r in rows if r[3] == "Answer every household within a day" and not r[4]][0]
    assert quiet[12] == "Not started"


def okrs_progress(world, objective) -> float:
    """Return the objective's progress as the read model computes it."""
    loaded = in_tree_order(world, objective)
    return scorecards_for(loaded, world.org.score_scale, clock.today())[objective.pk].progress


def test_another_teams_draft_is_left_out_of_the_cycle_files(world, okrs):
    for kind in ("csv", "xlsx"):
        response = tree_export(world.bob, world, kind)
        if kind == "csv":
            titles = {row[3] for row in read_csv(response)}
        else:
            titles = {row[3].value for row in read_xlsx(response)["OKRs"]}
        assert "Growth's secret draft" not in titles
        assert "Make clean water a topic" in titles


def test_the_cycle_xlsx_holds_the_same_values_with_formulas_as_text(world, okrs):
    response = tree_export(world.alice, world, "xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="acme-2027-q1-okrs.xlsx"'
    sheets = read_xlsx(response)
    assert list(sheets) == ["OKRs"]
    header, *rows = sheets["OKRs"]
    assert [c.value for c in header] == list(CYCLE_HEADER)
    csv_rows = read_csv(tree_export(world.alice, world))[1:]
    assert len(rows) == len(csv_rows)
    for cells, written in zip(rows, csv_rows, strict=True):
        values = ["" if c.value is None else c.value for c in cells]
        assert [
            str(v) if not hasattr(v, "isoformat") else v.date().isoformat() for v in values
        ] == [w[1:] if w.startswith("'") else w for w in written]
    tricky = [r for r in rows if r[3].value == FORMULAS[0]]
    assert len(tricky) == 4  # the objective and its three key results
    for row in tricky:
        assert row[3].data_type == "s" and row[3].quotePrefix
    assert [r[4].value for r in tricky[1:]] == list(FORMULAS[1:])
    assert all(r[4].data_type == "s" and r[4].quotePrefix for r in tricky[1:])
    numbers = [r for r in rows if r[4].value == "Reduce wait time from 9 to 3 days"][0]
    assert (numbers[6].value, numbers[7].value, numbers[6].data_type) == (9, 3, "n")


def test_a_formula_looking_title_is_neutralised_in_the_csv(world, okrs):
    text = b"".join(tree_export(world.alice, world).streaming_content).decode()
    assert "'=HYPERLINK(" in text and ",'+1," in text and ",'-2," in text and ",'@x," in text
    for line in text.splitlines():
        assert not any(cell.startswith(FORMULAS) for cell in next(csv.reader([line])))


def test_the_cycle_file_keeps_the_trees_filters(world, okrs):
    rows = read_csv(tree_export(world.alice, world, team="support"))[1:]
    assert {r[1] for r in rows} == {"Support"}
    rows = read_csv(tree_export(world.alice, world, q="household"))[1:]
    assert {r[3] for r in rows} == {
        "Every household has clean water",
        "Answer every household within a day",
    }


def test_the_pages_link_their_files_the_tree_with_its_filters(world, okrs):
    page = signed_in(world.alice).get(
        reverse("tree"), {"cycle": world.quarter.pk, "team": "growth"}
    )
    link = f"/tree/export.xlsx?cycle={world.quarter.pk}&amp;team=growth"
    assert link in page.content.decode()
    team = signed_in(world.alice).get(reverse("team", args=["growth"])).content.decode()
    assert 'href="/teams/growth/check-ins.csv"' in team
    dashboard = signed_in(world.alice).get(reverse("dashboard"), {"cycle": world.quarter.pk})
    assert f'href="/dashboard/export.xlsx?cycle={world.quarter.pk}"' in dashboard.content.decode()


def test_the_cycle_file_reads_in_fixed_queries(world, okrs):
    def count() -> int:
        client = signed_in(world.alice)
        with CaptureQueriesContext(connection) as queries:
            read_csv(client.get(reverse("tree-export-csv"), {"cycle": world.quarter.pk}))
        return len(queries)

    few = count()
    for n in range(5):
        made = world.objective(team=world.support, title=f"More {n}")
        record_check_in(made.key_results.first(), 30000, 6)
    assert count() == few == 7


def test_the_team_check_in_history_holds_every_visible_check_in(world, okrs, clock):
    draft_kr = okrs["draft"].key_results.get()
    record_check_in(draft_kr, 4, 5, progress_note="Secret progress")
    signatures = okrs["growth"].key_results.get(title__startswith="Grow")
    clock.shift(timedelta(days=1))
    record_check_in(signatures, 70000, 8, author=world.alice, problems_note="=cmd|' /C calc'!A0")
    url = reverse("team-check-ins-csv", args=["growth"])
    response = signed_in(world.bob).get(url)
    assert response["Content-Disposition"] == 'attachment; filename="acme-growth-check-ins.csv"'
    header, *rows = read_csv(response)
    assert header == list(CHECK_IN_HEADER)
    assert [(r[3], r[4], r[6], r[7]) for r in rows] == [
        ("Grow petition signatures from 20,000 to 100,000", "70000", "8", "Alice Doe"),
        ("Grow petition signatures from 20,000 to 100,000", "60000", "7", "Alice Doe"),
    ]
    assert rows[0][9] == "'=cmd|' /C calc'!A0" and rows[1][8] == "Halfway there"
    mine = read_xlsx(signed_in(world.alice).get(reverse("team-check-ins-xlsx", args=["growth"])))
    header, *rows = mine["Check-ins"]
    assert [c.value for c in header] == list(CHECK_IN_HEADER)
    assert [r[3].value for r in rows] == [signatures.title, "Draft key result", signatures.title]
    assert rows[0][9].value == "=cmd|' /C calc'!A0" and rows[0][9].quotePrefix


@pytest.fixture
def running(world):
    """Return a quarter half over today: one objective on track, one off track, one quiet team."""
    today = clock.today()

    cycle = create_cycle(
        world.org, "Now", today - timedelta(days=45), today + timedelta(days=45), state="active"
    )
    on_track = create_objective(cycle, "On track", team=world.growth, status="active")
    record_check_in(add_key_result(on_track, "On track KR", start=0, target=100), 55, 8)
    off_track = create_objective(cycle, "=Off track", team=world.support, status="active")
    add_key_result(off_track, "Off track KR", start=0, target=100)
    create_objective(cycle, "Still a draft", team=world.growth)
    return cycle


def test_the_dashboard_file_holds_its_tables_as_the_page_shows_them(world, running):
    client = signed_in(world.admin)
    page = client.get(reverse("dashboard"), {"cycle": running.pk}).context
    response = client.get(reverse("dashboard-export-csv"), {"cycle": running.pk})
    assert response["Content-Disposition"] == 'attachment; filename="acme-now-dashboard.csv"'
    text = b"".join(response.streaming_content).decode()
    sections = [s.splitlines() for s in text.split("\r\n\r\n")]
    assert [s[0] for s in sections] == [
        "States",
        "Progress distribution",
        "Teams without a check-in",
    ]
    states = [line.split(",") for line in sections[0][2:]]
    assert [(s[0], int(s[1])) for s in states] == [
        (look(s).label, n) for s, n in page["statuses"].items()
    ]
    buckets = [int(line.rsplit(",", 1)[1]) for line in sections[1][2:]]
    assert buckets == [b["count"] for b in page["buckets"]]
    assert sections[2][2:] == [f"{t['name']}," for t in page["quiet_teams"]] == ["Support,"]
    sheets = read_xlsx(client.get(reverse("dashboard-export-xlsx"), {"cycle": running.pk}))
    assert list(sheets) == ["States", "Progress distribution", "Teams without a check-in"]
    assert [c.value for c in sheets["States"][0]] == ["State", "Objectives", "Share %"]
    assert [[c.value for c in r] for r in sheets["States"][1:]] == [
        [s[0], int(s[1]), int(s[2])] for s in states
    ]
    assert [r[1].value for r in sheets["Progress distribution"][1:]] == buckets


def test_another_organisations_team_is_not_found(world, other_world):
    client = signed_in(world.alice)
    for kind in ("csv", "xlsx"):
        url = reverse(f"team-check-ins-{kind}", args=[other_world["team"].slug])
        assert client.get(url).status_code == 404
    response = client.get(reverse("tree-export-csv"), {"cycle": other_world["cycle"].pk})
    assert response.status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world, okrs):
    for url in (
        reverse("tree-export-csv"),
        reverse("tree-export-xlsx"),
        reverse("team-check-ins-csv", args=["growth"]),
        reverse("dashboard-export-xlsx"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/?next=")


def test_the_team_and_dashboard_files_read_in_fixed_queries(world, running):
    client = signed_in(world.alice)

    def count() -> tuple[int, int]:
        counts = []
        for url, query in (
            (reverse("team-check-ins-csv", args=["growth"]), {}),
            (reverse("dashboard-export-csv"), {"cycle": running.pk}),
        ):
            with CaptureQueriesContext(connection) as queries:
                read_csv(client.get(url, query))
            counts.append(len(queries))
        return tuple(counts)

    few = count()
    for n in range(5):
        made = create_objective(running, f"More {n}", team=world.growth, status="active")
        record_check_in(add_key_result(made, f"More KR {n}", start=0, target=10), n, 6)
    assert count() == few == (5, 6)
