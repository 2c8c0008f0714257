"""The directory card's fixed parts, rendered once per content version (search/cards.py)."""

from django import template
from django.utils.safestring import mark_safe

from ..search.cards import CARD_PARTS

register = template.Library()


@register.tag
def card_part(parser, token):
    """`{% card_part service "head" %}...{% endcard_part %}`: the part of the card that shows
    only the service's published content. A service loaded with its cached card gives the part
    from the cache; otherwise it is rendered and, when the service has a new card, kept in it."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[2].strip("\"'") not in CARD_PARTS:
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes a service and one of {', '.join(sorted(CARD_PARTS))}."
        )
    nodelist = parser.parse(("endcard_part",))
    parser.delete_first_token()
    return CardPartNode(parser.compile_filter(bits[1]), bits[2].strip("\"'"), nodelist)


class CardPartNode(template.Node):
    """One fixed part of a result card."""

    def __init__(self, service, name, nodelist):
        self.service = service
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        card = getattr(self.service.resolve(context), "card", None)
        if card is None:
            return self.nodelist.render(context)
        html = card["parts"].get(self.name)
        if html is None:
            html = card["parts"][self.name] = str(self.nodelist.render(context))
        return mark_safe(html)  # noqa: S308 - the template's own output, escaped as it rendered
