"""Routes of the planning pages."""

from django.urls import path

from okrs.planning.views import backlog, board, carry_over, drafts, participants, team

urlpatterns = [
    path("", board.index, name="planning"),
    path("next-quarter/", board.plan_next_quarter, name="planning-next-quarter"),
    path("<int:cycle_id>/", board.board, name="planning-board"),
    path("<int:cycle_id>/open/", board.open_planning, name="planning-open"),
    path("<int:cycle_id>/start/", board.start_cycle, name="planning-start"),
    path("<int:cycle_id>/teams/<slug:slug>/", team.team_planning, name="planning-team"),
    path("<int:cycle_id>/teams/<slug:slug>/notes/", team.add_note, name="planning-note-add"),
    path("<int:cycle_id>/notes/<int:pk>/delete/", team.remove_note, name="planning-note-remove"),
    path(
        "<int:cycle_id>/teams/<slug:slug>/carry-over/",
        carry_over.carry_over_page,
        name="planning-carry-over",
    ),
    path(
        "<int:cycle_id>/teams/<slug:slug>/carry-over/<int:pk>/",
        carry_over.carry_over,
        name="planning-carry-over-one",
    ),
    path("objectives/<int:pk>/share/", drafts.share, name="planning-share"),
    path("objectives/<int:pk>/withdraw/", drafts.withdraw, name="planning-withdraw"),
    path("objectives/<int:pk>/publish/", drafts.publish, name="planning-publish"),
    path("teams/<slug:slug>/backlog/", backlog.backlog, name="planning-backlog"),
    path(
        "events/<int:pk>/people/",
        participants.event_people_panel,
        name="planning-event-people",
    ),
    path("backlog/<int:pk>/promote/", backlog.promote, name="planning-promote"),
    path("backlog/<int:pk>/drop/", backlog.drop, name="planning-drop"),
]
