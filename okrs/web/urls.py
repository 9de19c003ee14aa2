"""Routes of the pages people use."""

from django.urls import path

from okrs.web.views import (
    alignment_map,
    check_in_all,
    checkins,
    coach,
    dashboard,
    drafting,
    explanations,
    exports,
    kpis,
    objectives,
    overrides,
    pages,
    teams,
    trash,
)

urlpatterns = [
    path("", pages.home, name="home"),
    path("tree/", pages.tree, name="tree"),
    path("tree/export.csv", exports.tree_export, {"kind": "csv"}, name="tree-export-csv"),
    path("tree/export.xlsx", exports.tree_export, {"kind": "xlsx"}, name="tree-export-xlsx"),
    path("map/", alignment_map.alignment_map, name="map"),
    path("teams/<slug:slug>/", teams.team_detail, name="team"),
    path(
        "teams/<slug:slug>/check-ins.csv",
        exports.team_check_ins_export,
        {"kind": "csv"},
        name="team-check-ins-csv",
    ),
    path(
        "teams/<slug:slug>/check-ins.xlsx",
        exports.team_check_ins_export,
        {"kind": "xlsx"},
        name="team-check-ins-xlsx",
    ),
    path("objectives/new/", drafting.objective_new, name="objective-new"),
    path("objectives/<int:pk>/", objectives.objective_detail, name="objective"),
    path("objectives/<int:pk>/edit/", drafting.objective_edit, name="objective-edit"),
    path(
        "objectives/<int:pk>/history/",
        objectives.objective_history_page,
        name="objective-history",
    ),
    path("objectives/<int:pk>/why/", explanations.objective_why, name="objective-why"),
    path("objectives/<int:pk>/delete/", objectives.objective_delete, name="objective-delete"),
    path("objectives/<int:pk>/override/", overrides.objective_override, name="objective-override"),
    path(
        "objectives/<int:pk>/override/clear/",
        overrides.objective_override_clear,
        name="objective-override-clear",
    ),
    path("trash/", trash.trash, name="trash"),
    path("trash/objectives/<int:pk>/restore/", trash.restore_objective, name="restore-objective"),
    path(
        "trash/key-results/<int:pk>/restore/", trash.restore_key_result, name="restore-key-result"
    ),
    path("coach/draft/", drafting.coach_draft, name="coach-draft"),
    path("coach/rules/", coach.rules, name="coach-rules"),
    path("quality/", coach.quality, name="quality"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path(
        "dashboard/export.csv",
        exports.dashboard_export,
        {"kind": "csv"},
        name="dashboard-export-csv",
    ),
    path(
        "dashboard/export.xlsx",
        exports.dashboard_export,
        {"kind": "xlsx"},
        name="dashboard-export-xlsx",
    ),
    path("dashboard/attention/", dashboard.attention, name="dashboard-attention"),
    path("key-results/<int:pk>/check-in/", checkins.check_in, name="check-in"),
    path("check-in/", check_in_all.check_in_all, name="check-in-all"),
    path("teams/<slug:slug>/kpis/new/", kpis.kpi_new, name="kpi-new"),
    path("kpis/<int:kpi_id>/", kpis.kpi_detail, name="kpi"),
    path("kpis/<int:kpi_id>/edit/", kpis.kpi_edit, name="kpi-edit"),
    path("kpis/<int:kpi_id>/measurements/", kpis.kpi_measure, name="kpi-measure"),
    path("kpis/<int:kpi_id>/archive/", kpis.kpi_archive, name="kpi-archive"),
    path("kpis/<int:kpi_id>/unarchive/", kpis.kpi_unarchive, name="kpi-unarchive"),
]
