"""Taxonomy of the directory: provinces and districts, service categories, languages."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Province(index.Indexed, models.Model):
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
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]

    def __str__(self):
        return self.name


class District(index.Indexed, models.Model):
    """A district (ilçe) of a province."""

    province = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="districts", verbose_name=_("province")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    panels = [FieldPanel("province"), FieldPanel("name"), FieldPanel("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
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
        if self.native_name and self.native_name != self.name:
            return f"{self.name} ({self.native_name})"
        return self.name


class SearchTerm(models.Model):
    """A folded word that occurs in a published service: the vocabulary that lets a query word
    with one wrong letter find the word the agency wrote."""

    word = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.word
