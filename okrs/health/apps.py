from django.apps import AppConfig


class HealthConfig(AppConfig):
    """The health of the OKR programme and the anonymous F.A.C.T.S. pulse."""

    name = "okrs.health"
    label = "health"
