"""What objective writes announce, for the apps above to act on inside the same transaction.

Each signal is sent by an action in okrs/objectives/actions.py after its change is saved; a
receiver runs in that action's transaction, so what it writes commits or rolls back with the
change. Receivers connect in their app's AppConfig.ready() (webhooks: okrs/webhooks/receivers.py).
"""

import operator
from collections.abc import Callable
from functools import reduce
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, Value
from django.dispatch import Signal

objective_created = Signal()  # objective
objective_updated = Signal()  # objective, changed: the names of the fields that changed, sorted
objective_status_changed = Signal()  # objective, old_status
key_result_updated = Signal()  # key_result, changed: the names of the fields that changed, sorted
status_overridden = Signal()  # objective, override: a status set by hand, with its reason
override_cleared = Signal()  # objective, override: removed by hand, or ended by a check-in
checked_in = Signal()  # check_in, key_result: sent only when check_ins_heard() was true
initiative_created = Signal()  # initiative
initiative_updated = Signal()  # initiative, changed: the names of the fields that changed, sorted
initiative_deleted = Signal()  # initiative: its row as it was, its id kept

_audiences: dict[str, Callable[[], Any]] = {}


def hear_check_ins(name: str, audience: Callable[[], Any]) -> None:
    """Register an expression, on a key result's row, true when `checked_in` has news for someone.

    A check-in reads it with the row it locks anyway, so a check-in nobody hears costs no query.
    """
    _audiences[name] = audience


def check_ins_heard() -> Any:
    """Return an expression on a key result's row: whether any audience hears its check-ins."""
    audiences = [audience() for audience in _audiences.values()]
    if not audiences:
        return Value(False)
    if len(audiences) == 1:
        return audiences[0]
    anyone: Any = reduce(operator.or_, audiences)
    return ExpressionWrapper(anyone, output_field=BooleanField())
