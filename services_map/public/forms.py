"""The directory's public search form: every GET parameter checked before it reaches the query."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ..search import SORTS, SearchParams
from ..search.text import MAX_QUERY_WORDS
from ..taxonomy import taxonomy_for

MAX_QUERY_LENGTH = 200
MAX_PAGE = 10_000


class KnownChoicesField(forms.TypedMultipleChoiceField):
    """A multiple choice that keeps the known values and drops the others (remembering that it
    did), so one stale value in a shared link does not void the whole filter."""

    MAX_VALUES = 50

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.dropped = False

    def clean(self, value):
        values = self.to_python(value)[: self.MAX_VALUES]
        known = []
        for item in values:
            if self.valid_value(item) and item not in known:
                known.append(item)
        self.dropped = len(known) != len(values)
        return self._coerce(known)


class DirectorySearchForm(forms.Form):
    """Validates the search page's query string (also used by the print sheet and map data).

    Usage: `form = DirectorySearchForm(request.GET, locale=page.locale)`, then
    `form.search_params()` gives a SearchParams built from the valid fields only; invalid or
    unknown values are left out and described in `form.problems()`, so a hostile or stale link
    still gives a useful page.
    """

    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("Please use fewer words: at most %(limit_value)d characters."),
        },
    )
    category = KnownChoicesField(label=_("Type of service"))
    province = KnownChoicesField(label=_("Province"))
    district = KnownChoicesField(label=_("District"), coerce=int)
    language = KnownChoicesField(label=_("Language spoken"))
    group = KnownChoicesField(label=_("For whom"))
    free = forms.BooleanField(label=_("Free of charge"), required=False)
    wheelchair = forms.BooleanField(label=_("Wheelchair accessible"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    lat = forms.FloatField(
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("The location shared was not understood.")},
    )
    lng = forms.FloatField(
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("The location shared was not understood.")},
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("", _("Best first")),
            # Links made before "best first" ranked by relevance still work.
            ("relevance", _("Best first")),
            ("distance", _("Distance")),
            ("name", _("Name")),
        ],
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": _("That page number was not understood; showing the first page."),
            "min_value": _("Pages start at 1; showing the first page."),
            "max_value": _("There are not that many pages; showing the first page."),
        },
    )

    def __init__(self, data=None, *, locale, **kwargs):
        super().__init__(data, **kwargs)
        self.taxonomy = taxonomy_for(locale)
        t = self.taxonomy
        self.fields["category"].choices = [
            (slug, category["name"]) for slug, category in t.category_by_slug.items()
        ]
        self.fields["province"].choices = [(p["slug"], p["label"]) for p in t.provinces]
        self.fields["district"].choices = [(d["id"], d["label"]) for d in t.districts]
        self.fields["language"].choices = [(lang["code"], lang["label"]) for lang in t.languages]
        self.fields["group"].choices = [(g["slug"], g["label"]) for g in t.groups]

    def full_clean(self):
        """Reject NUL characters and oversized values anywhere before field cleaning."""
        super().full_clean()
        if self.data is None:
            return
        for name in self.fields:
            values = (
                self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name)]
            )
            if any(isinstance(v, str) and "\x00" in v for v in values):
                self.cleaned_data.pop(name, None)
                if name not in self._errors:
                    self.add_error(None, _("The search contained characters that are not allowed."))
        if (self.data.get("lat") in (None, "")) != (self.data.get("lng") in (None, "")):
            self.cleaned_data.pop("lat", None)
            self.cleaned_data.pop("lng", None)

    def clean_q(self):
        q = self.cleaned_data["q"]
        if len(q.split()) > MAX_QUERY_WORDS:
            # Long queries are cut rather than refused: the first words carry the meaning.
            return " ".join(q.split()[:MAX_QUERY_WORDS])
        return q

    def clean_sort(self):
        value = self.cleaned_data["sort"]
        return value if value in SORTS else ""

    def search_params(self):
        """A SearchParams from the fields that are valid; broken ones count as not given."""
        if not self.is_bound:
            return SearchParams()
        self.is_valid()
        data = self.cleaned_data
        lat, lng = data.get("lat"), data.get("lng")
        if lat is None or lng is None:
            lat = lng = None
        return SearchParams(
            q=data.get("q") or "",
            categories=tuple(data.get("category") or ()),
            provinces=tuple(data.get("province") or ()),
            districts=tuple(data.get("district") or ()),
            languages=tuple(data.get("language") or ()),
            groups=tuple(data.get("group") or ()),
            free=bool(data.get("free")),
            wheelchair=bool(data.get("wheelchair")),
            open_now=bool(data.get("open_now")),
            lat=lat,
            lng=lng,
            sort="" if data.get("sort") == "relevance" else data.get("sort") or "",
            page=data.get("page") or 1,
        )

    def problems(self):
        """Messages for the visitor about the parts of the search that were left out."""
        if not self.is_bound:
            return []
        self.is_valid()
        messages = []
        unknown = {
            "category": _("One of the chosen types of service no longer exists; it was left out."),
            "province": _("An unknown province was left out of the search."),
            "district": _("An unknown district was left out of the search."),
            "language": _("An unknown language was left out of the search."),
            "group": _("An unknown group was left out of the search."),
        }
        for name, message in unknown.items():
            if self.fields[name].dropped:
                messages.append(message)
        for name, errors in self.errors.items():
            if name in ("lat", "lng"):
                message = _("The location shared was not understood, so it was not used.")
                if message not in messages:
                    messages.append(message)
            else:
                messages.extend(errors)
        return messages


def params_to_query(params):
    """The GET query string of a SearchParams (for links: next page, drop a filter...)."""
    query = QueryDict(mutable=True)
    if params.q:
        query["q"] = params.q
    query.setlist("category", list(params.categories))
    query.setlist("province", list(params.provinces))
    query.setlist("district", [str(d) for d in params.districts])
    query.setlist("language", list(params.languages))
    query.setlist("group", list(params.groups))
    for name in ("free", "wheelchair", "open_now"):
        if getattr(params, name):
            query[name] = "1"
    if params.has_location:
        query["lat"] = f"{params.lat:.5f}"
        query["lng"] = f"{params.lng:.5f}"
    if params.sort:
        query["sort"] = params.sort
    if params.page and params.page > 1:
        query["page"] = str(params.page)
    return query.urlencode()
