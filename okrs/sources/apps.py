from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """Key result sources: push, HTTP and SQL readings recorded as check-ins."""

    name = "okrs.sources"
    label = "sources"
