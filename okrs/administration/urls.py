"""Routes of the organisation's administration."""

from django.urls import path

from okrs.administration.views import (
    cycles,
    invitations,
    jobs,
    organization_settings,
    orgchart,
    overview,
    people,
    scim,
    teams,
)

urlpatterns = [
    path("", overview.overview, name="administration"),
    path("history/", overview.history, name="administration-history"),
    path("import/", orgchart.upload, name="administration-import"),
    path("import/<int:pk>/", orgchart.preview, name="administration-import-preview"),
    path("import/<int:pk>/apply/", orgchart.apply, name="administration-import-apply"),
    path("people.csv", orgchart.people_csv, name="administration-people-csv"),
    path("people/", people.people, name="administration-people"),
    path("people/invite/", invitations.invite, name="people-invite"),
    path(
        "people/invite-not-joined/",
        invitations.invite_not_joined,
        name="people-invite-not-joined",
    ),
    path(
        "people/invitations/<int:invitation_id>/resend/",
        invitations.resend,
        name="invitation-resend",
    ),
    path(
        "people/invitations/<int:invitation_id>/cancel/",
        invitations.cancel,
        name="invitation-cancel",
    ),
    path("people/<int:person_id>/", people.person, name="administration-person"),
    path("people/<int:person_id>/role/", people.person_role, name="person-role"),
    path("people/<int:person_id>/invite/", invitations.invite_existing, name="person-invite"),
    path("people/<int:person_id>/deactivate/", people.person_deactivate, name="person-deactivate"),
    path("people/<int:person_id>/reactivate/", people.person_reactivate, name="person-reactivate"),
    path("people/<int:person_id>/teams/", people.person_place, name="person-place"),
    path(
        "people/<int:person_id>/teams/<int:team_id>/move/", people.person_move, name="person-move"
    ),
    path(
        "people/<int:person_id>/teams/<int:team_id>/leave/",
        people.person_leave,
        name="person-leave",
    ),
    path("jobs/", jobs.background_jobs, name="administration-jobs"),
    path("scim/", scim.scim_tokens, name="administration-scim"),
    path("scim/<int:pk>/revoke/", scim.revoke, name="administration-scim-revoke"),
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
    path(
        "settings/",
        organization_settings.organization_settings,
        name="administration-settings",
    ),
]
