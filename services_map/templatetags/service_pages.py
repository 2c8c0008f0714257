"""Template tags of the service and agency pages."""

from django import template
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language

from ..models import ProblemReport, ServiceLocation, ServicePage
from ..public.service_display import service_display
from ..taxonomy import spoken_language_names

register = template.Library()


@register.simple_tag(takes_context=True)
def service_page_display(context, page):
    """Hours, links, report counts and structured data of a service page, for this visitor."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return service_display(page, user, request=request)


@register.filter
def spoken_language(language):
    """A Language as the visitor reads it: in itself and in the visitor's words."""
    native, local = spoken_language_names(
        language.code, language.name, language.native_name, get_language()
    )
    if not native:
        return local
    if not local:
        return format_html('<span lang="{}">{}</span>', language.code, native)
    return format_html('<span lang="{}">{}</span> ({})', language.code, native, local)


@register.simple_tag
def problem_report_kinds():
    """(value, label) pairs of what can be wrong with a listing."""
    return ProblemReport.Kind.choices


@register.simple_tag(takes_context=True)
def agency_services(context, agency):
    """The agency's current services in the page's language, falling back to the original
    where a service has no translation yet; internal ones only for members."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return current_services_of(agency, user)


def current_services_of(agency, user, today=None):
    """Services listed for this person below any translation of the agency, one per service:
    the agency page's own language first, then the original."""
    today = today or timezone.localdate()
    translations = list(agency.get_translations(inclusive=True).only("path", "depth", "locale"))
    children = Q()
    for translation in translations:
        children |= ServicePage.objects.child_of_q(translation)
    candidates = (
        ServicePage.objects.listed_for(user, today)
        .filter(children)
        .select_related("locale")
        .prefetch_related(
            Prefetch(
                "locations",
                queryset=ServiceLocation.objects.select_related("province", "district"),
            )
        )
        .order_by("title")
    )
    chosen = {}
    for service in candidates:
        current = chosen.get(service.translation_key)
        if current is None or _preference(service, agency) < _preference(current, agency):
            chosen[service.translation_key] = service
    return sorted(chosen.values(), key=lambda service: service.title.casefold())


def _preference(service, agency):
    """Lower is better: the agency page's language, then the site's default, then any."""
    if service.locale_id == agency.locale_id:
        return 0
    if service.locale.language_code == "en":
        return 1
    return 2
