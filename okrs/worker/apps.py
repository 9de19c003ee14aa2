from django.apps import AppConfig


class WorkerConfig(AppConfig):
    """The background worker: a schedule of jobs run through django-tasks."""

    name = "okrs.worker"
    label = "worker"
