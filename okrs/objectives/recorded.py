"""History records of objectives, key results and check-ins, cheap to write."""

from functools import cache

from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords


class HistoryManagerOnce(HistoryManager):
    """The history manager, its class for a queryset built once instead of on every access."""

    @classmethod
    @cache
    def from_queryset(cls, queryset_class, class_name=None):
        """Return the manager class for the queryset class, made on first use."""
        return super().from_queryset(queryset_class, class_name)


def history(**options) -> HistoricalRecords:
    """Return history records for a model, with the manager made once."""
    return HistoricalRecords(history_manager=HistoryManagerOnce, **options)
