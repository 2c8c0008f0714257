"""Place taxonomy of the directory: the ten provinces of the Aegean region and their districts."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
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
