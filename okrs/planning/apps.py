from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """OKR Planning: strategic objectives, team drafts, the board, carry-over and backlog."""

    name = "okrs.planning"
    label = "planning"
