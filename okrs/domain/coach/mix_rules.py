"""Rules about the mix of an objective's key results: leading and lagging indicators."""

from okrs.domain.coach.findings import Finding
from okrs.domain.coach.language import quote
from okrs.domain.coach.rules import finding
from okrs.domain.document import ObjectiveDoc
from okrs.domain.mix import indicator_mix


def all_lagging(objective: ObjectiveDoc) -> Finding | None:
    """Suggest a leading key result where every key result is marked lagging."""
    mix = indicator_mix(kr.indicator for kr in objective.key_results)
    if not mix.all_lagging():
        return None
    first = objective.key_results[0]
    count = "its key result is" if mix.lagging == 1 else f"all {mix.lagging} key results are"
    return finding(
        "all-lagging",
        objective.id,
        f"{objective.id}: {count} lagging; nothing shows early whether it is on its way.",
        f"Add a leading key result, an early and frequent measure of what drives "
        f"{quote(first.title, 60)}, e.g. 'Raise the weekly share of [the behaviour that drives "
        "it] from [X]% to [Y]%', marked `indicator: leading`.",
        objective.line,
    )
