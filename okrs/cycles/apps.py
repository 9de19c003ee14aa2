from django.apps import AppConfig


class CyclesConfig(AppConfig):
    """Cycles: the time boxes OKRs live in."""

    name = "okrs.cycles"
    label = "cycles"
