from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    """OKRs as code: export, import and lint of YAML documents."""

    name = "okrs.exchange"
    label = "exchange"
