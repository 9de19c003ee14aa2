from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """OKR Planning: strategic objectives, team drafts, the planning board, carry-over and backlog."""

    name = "okrs.planning"
    label = "planning"
