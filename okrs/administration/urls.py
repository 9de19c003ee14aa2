"""Routes of the organisation's administration."""

from django.urls import path

from okrs.administration.views import cycles, overview, teams

urlpatterns = [
    path("", overview.overview, name="administration"),
    path("history/", overview.history, name="administration-history"),
    path("teams/", teams.team_list, name="administration-teams"),
    path("teams/new/", teams.team_new, name="administration-team-new"),
    path("teams/<slug:slug>/", teams.team_detail, name="administration-team"),
    path("teams/<slug:slug>/archive/", teams.team_archive, name="administration-team-archive"),
    path(
        "teams/<slug:slug>/unarchive/", teams.team_unarchive, name="administration-team-unarchive"
    ),
    path("teams/<slug:slug>/members/", teams.member_add, name="administration-member-add"),
    path(
        "teams/<slug:slug>/members/<int:person_id>/role/",
        teams.member_role,
        name="administration-member-role",
    ),
    path(
        "teams/<slug:slug>/members/<int:person_id>/remove/",
        teams.member_remove,
        name="administration-member-remove",
    ),
    path("cycles/", cycles.cycle_list, name="administration-cycles"),
    path("cycles/new/", cycles.cycle_new, name="administration-cycle-new"),
    path(
        "cycles/next-quarter/",
        cycles.cycle_next_quarter,
        name="administration-cycle-next-quarter",
    ),
    path("cycles/<int:cycle_id>/", cycles.cycle_detail, name="administration-cycle"),
]
