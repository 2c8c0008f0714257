"""The words people use for each kind of service, in every language, shipped with the portal
(data/category-terms.json) and loaded into the categories that have none yet, by the data
migration of a deployment and by the demo seeders. Co-chairs edit them in the admin afterwards;
loading again never overwrites what they wrote."""

import json
from pathlib import Path

TERMS_FILE = Path(__file__).resolve().parent / "data" / "category-terms.json"


def shipped_terms():
    """{category slug: {language code: [terms]}} from the data file."""
    return json.loads(TERMS_FILE.read_text(encoding="utf-8"))


def load_category_terms(category_model=None):
    """Fill the empty "words people use" of every category whose slug and language the file
    knows; return how many categories were filled. `category_model` is the migration's
    historical model, or ServiceCategory."""
    if category_model is None:
        from .models import ServiceCategory as category_model
    filled = 0
    terms = shipped_terms()
    categories = category_model.objects.filter(search_terms="").select_related("locale")
    for category in categories:
        lines = terms.get(category.slug, {}).get(category.locale.language_code)
        if lines:
            category.search_terms = "\n".join(lines)
            category.save(update_fields=["search_terms"])
            filled += 1
    return filled
