from django.apps import AppConfig


class KpisConfig(AppConfig):
    """KPIs: health metrics kept apart from OKRs."""

    name = "okrs.kpis"
    label = "kpis"
