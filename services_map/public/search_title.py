"""The title of a directory search, named by its words and place, as a browser tab, a
bookmark, a shared link and a search engine show it: "psikolojik destek — Buca — Hizmet
rehberi"."""

from dataclasses import replace

from iswg_portal.core.templatetags.portal_tags import join_list

from .forms import params_to_query

SEPARATOR = " — "


def search_title(params, taxonomy, directory_title):
    """What was looked for (the words, else the categories ticked), where (the districts
    ticked, else the provinces) and the directory's own title, in the visitor's language."""
    what = params.q or join_list(
        taxonomy.category_by_slug[slug]["name"]
        for slug in params.categories
        if slug in taxonomy.category_by_slug
    )
    where = join_list(
        taxonomy.district_by_id[district]["label"]
        for district in params.districts
        if district in taxonomy.district_by_id
    ) or join_list(
        taxonomy.province_by_slug[slug]["label"]
        for slug in params.provinces
        if slug in taxonomy.province_by_slug
    )
    return SEPARATOR.join(str(part) for part in (what, where, directory_title) if part)


def canonical_query(params):
    """The search's query string as the page's one address keeps it: its words, filters and
    page, without the visitor's own location or order of results."""
    return params_to_query(replace(params, lat=None, lng=None, sort=""))
