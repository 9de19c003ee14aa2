from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """OKR Reviews, the end-of-cycle Evaluation and confidence calibration."""

    name = "okrs.evaluation"
    label = "evaluation"
