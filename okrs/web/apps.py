from django.apps import AppConfig


class WebConfig(AppConfig):
    """The pages people use: login, tree, team, objective, check-in."""

    name = "okrs.web"
    label = "web"
