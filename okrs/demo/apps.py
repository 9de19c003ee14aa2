from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo organisation built from the guides' examples."""

    name = "okrs.demo"
    label = "demo"
