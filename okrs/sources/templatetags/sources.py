"""The source line under a key result on the objective page, read once for the whole page."""

from django import template

from okrs.sources.models import Source

register = template.Library()


@register.inclusion_tag("sources/_kr_source.html", takes_context=True)
def source_of(context, key_result, can_write=False):
    """Show the key result's source and its last error, or a link to add one."""
    found = context.render_context.get("sources_on_page")
    if found is None:
        card = context.get("card")
        ids = [kr_card.key_result.pk for kr_card in getattr(card, "key_results", [])]
        ids = ids or [key_result.pk]
        found = {
            source.key_result_id: source for source in Source.objects.filter(key_result_id__in=ids)
        }
        context.render_context["sources_on_page"] = found
    return {"source": found.get(key_result.pk), "key_result": key_result, "can_write": can_write}
