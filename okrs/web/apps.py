from django.apps import AppConfig


class WebConfig(AppConfig):
    """The pages of the OKRs themselves: home, tree, map, team, objective, check-in, dashboard."""

    name = "okrs.web"
    label = "web"
