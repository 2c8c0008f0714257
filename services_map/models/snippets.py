"""Taxonomy of the directory: provinces and districts, service categories, languages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

# Where a place's name in a language is blank, the language reads the next one's: Pashto
# readers read Persian, Persian and Arabic readers the Arabic script's; the Latin-script
# languages (Turkish, English, Kurmanji) always use the Turkish name.
PLACE_NAME_FIELDS = {
    "ar": ("name_ar",),
    "fa": ("name_fa", "name_ar"),
    "ps": ("name_ps", "name_fa", "name_ar"),
}


def place_name_in(names, language_code):
    """The name of a place (a mapping with `name`, `name_ar`, `name_fa`, `name_ps`) as readers of
    a language write it: "إزمير" in Arabic, "İzmir" in Turkish, English and Kurmanji."""
    for field in PLACE_NAME_FIELDS.get(language_code, ()):
        if names.get(field):
            return names[field]
    return names["name"]


def place_label(names, language_code):
    """How a place is listed: its name in the reader's script with the Turkish name that signs
    and addresses use ("إزمير (İzmir)"), or the Turkish name alone."""
    local = place_name_in(names, language_code)
    return f"{local} ({names['name']})" if local != names["name"] else local


def place_names_panel():
    """The admin panel of a place's names in the other scripts."""
    return MultiFieldPanel(
        [
            FieldPanel("name_ar"),
            FieldPanel("name_fa"),
            FieldPanel("name_ps"),
            FieldPanel("other_names"),
        ],
        heading=_("Names in other scripts"),
        help_text=_(
            "Shown in the Arabic, Persian and Pashto directories beside the Turkish name, and "
            "found by the search in any of these spellings."
        ),
    )


# What a place is found by in the admin's search, beside its Turkish name.
PLACE_NAME_SEARCH_FIELDS = [
    index.SearchField(name) for name in ("name_ar", "name_fa", "name_ps", "other_names")
]


class PlaceNames(models.Model):
    """A place's names in the other scripts and the other spellings people type for it, so a
    search for "إزمير", "izmir" or "ازمیر" finds İzmir."""

    name_ar = models.CharField(
        _("name in Arabic"),
        max_length=100,
        blank=True,
        help_text=_("As Arabic media write it, e.g. إزمير. Blank: the Turkish name."),
    )
    name_fa = models.CharField(
        _("name in Persian"),
        max_length=100,
        blank=True,
        help_text=_("As Persian media write it, e.g. ازمیر. Blank: the Arabic name."),
    )
    name_ps = models.CharField(
        _("name in Pashto"),
        max_length=100,
        blank=True,
        help_text=_("Blank: the Persian name, which Pashto readers read."),
    )
    other_names = models.TextField(
        _("other spellings"),
        blank=True,
        help_text=_(
            "One per line: other spellings people really type for this place, in any script "
            "(ايزمير, Ezmir). Capitals, accents and Arabic hamza or diacritics need no "
            "separate line."
        ),
    )

    class Meta:
        abstract = True

    def name_in(self, language_code):
        """This place's name as readers of a language write it."""
        return place_name_in(
            {field: getattr(self, field) for field in ("name", *PLACE_NAME_FIELDS["ps"])},
            language_code,
        )

    def label_in(self, language_code):
        """How this place is listed for readers of a language (see `place_label`)."""
        return place_label(
            {field: getattr(self, field) for field in ("name", *PLACE_NAME_FIELDS["ps"])},
            language_code,
        )

    def other_name_list(self):
        """The other spellings, one per line, without blank lines."""
        return [line.strip() for line in self.other_names.splitlines() if line.strip()]


class Province(PlaceNames, index.Indexed, models.Model):
    """One of the ten provinces (il) covered by the İzmir field office."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    plate = models.PositiveSmallIntegerField(
        _("plate code"), unique=True, help_text=_("Türkiye's official province number.")
    )
    latitude = models.FloatField(_("latitude of the centre"))
    longitude = models.FloatField(_("longitude of the centre"))
    coastal = models.BooleanField(_("on the coast"), default=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("plate"),
        FieldPanel("latitude"),
        FieldPanel("longitude"),
        FieldPanel("coastal"),
        place_names_panel(),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *PLACE_NAME_SEARCH_FIELDS,
    ]

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self):
        return self.name


class District(PlaceNames, index.Indexed, models.Model):
    """A district (ilçe) of a province."""

    province = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="districts", verbose_name=_("province")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    panels = [
        FieldPanel("province"),
        FieldPanel("name"),
        FieldPanel("slug"),
        place_names_panel(),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *PLACE_NAME_SEARCH_FIELDS,
        index.FilterField("province"),
    ]

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["province__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "slug"], name="unique_district_slug"),
            models.UniqueConstraint(fields=["province", "name"], name="unique_district_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.province.name})"


class ServiceCategory(TranslatableMixin, index.Indexed, models.Model):
    """Sector taxonomy in two levels: a sector (Health, Protection ...) and, below it, a type of
    service (Psychosocial support ...); translated per locale, matched across locales by slug."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        help_text=_("Short ASCII name used in search links; keep it the same in every language."),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("sector"),
        help_text=_("Leave empty for a sector; choose the sector for a type of service."),
    )
    search_terms = models.TextField(
        _("words people use"),
        blank=True,
        help_text=_(
            "One word or phrase per line, in this language, as people type them when they need "
            'this kind of service ("doctor", "lost my ID", common misspellings too). A '
            "search with any of them finds the services of this category in every language."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("search_terms"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
        index.FilterField("parent"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_category_slug"),
        ]

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.name} › {self.name}"
        return self.name

    def term_lines(self):
        """The words people use for this category, one per line, without blanks or repeats."""
        lines = (line.strip() for line in self.search_terms.splitlines())
        return list(dict.fromkeys(line for line in lines if line))

    def clean(self):
        """Keep the taxonomy two levels deep and within one language."""
        super().clean()
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": _("A category cannot be its own sector.")})
        if self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("Choose a sector (a category without a sector of its own).")}
            )
        if self.parent.locale_id != self.locale_id:
            raise ValidationError({"parent": _("Choose the sector in the same language.")})
        if self.pk and self.children.exists():
            raise ValidationError(
                {
                    "parent": _(
                        "This sector has types of service below it, so it must stay a sector."
                    )
                }
            )


class Language(index.Indexed, models.Model):
    """A language a service speaks, named in English and in itself."""

    name = models.CharField(_("name in English"), max_length=80)
    native_name = models.CharField(
        _("name in the language itself"), max_length=80, blank=True, help_text=_("e.g. العربية")
    )
    code = models.CharField(
        _("code"),
        max_length=8,
        unique=True,
        help_text=_("ISO 639-1 code such as ar, or ISO 639-3 such as kmr for Kurmanji."),
    )

    panels = [FieldPanel("name"), FieldPanel("native_name"), FieldPanel("code")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("native_name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]

    def __str__(self):
        """Its name in the reader's language (the admin's), then in itself: "Arapça (العربية)"."""
        # taxonomy.py reads this module's models: imported here, not at the top.
        from ..taxonomy import language_name_for

        name = language_name_for(self.code, self.name, translation.get_language() or "en")
        if self.native_name and self.native_name.casefold() != name.casefold():
            return f"{name} ({self.native_name})"
        return name


class SearchTerm(models.Model):
    """A folded word that occurs in a published service: the vocabulary that lets a query word
    with one wrong letter find the word the agency wrote."""

    word = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.word
