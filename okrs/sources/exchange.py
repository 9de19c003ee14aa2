"""Sources in OKRs-as-code: exported without their secrets, imported as the file says."""

from collections import Counter

from okrs.domain import document as d
from okrs.objectives.models import KeyResult
from okrs.sources.actions import set_source
from okrs.sources.models import Source

DOC_FIELDS = ("kind", "name", "schedule", "url", "format", "path", "column", "row", "database")


def source_docs(key_result_ids: list[int]) -> dict[int, d.SourceDoc]:
    """Return the sources of the key results as the file writes them, by key result id."""
    if not key_result_ids:
        return {}
    return {
        source.key_result_id: d.SourceDoc(
            **{name: getattr(source, name) for name in DOC_FIELDS}, query=source.query
        )
        for source in Source.objects.filter(key_result_id__in=key_result_ids)
    }


def import_sources(document: d.Document, key_results: dict[str, KeyResult]) -> Counter:
    """Set the sources the document gives its key results; unchanged ones are left as they are.

    A push source made here gets a secret nobody has seen: its owner renews it on the key result.
    """
    wanted = {
        key_results[kr.id].pk: (key_results[kr.id], kr.source)
        for objective in document.objectives
        for kr in objective.key_results
        if kr.source is not None and kr.id in key_results
    }
    if not wanted:
        return Counter()
    existing = {s.key_result_id: s for s in Source.objects.filter(key_result_id__in=wanted)}
    counts: Counter = Counter()
    for pk, (key_result, doc) in wanted.items():
        fields = {name: getattr(doc, name) for name in (*DOC_FIELDS, "query")}
        current = existing.get(pk)
        if current is not None and all(getattr(current, k) == v for k, v in fields.items()):
            continue
        set_source(key_result, **fields)
        counts["sources set"] += 1
    return counts
