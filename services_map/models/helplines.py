"""Telephone helplines a person in need can call at any time (112, 157 YİMER ...), shown on the
home page and the print sheets, kept by the co-chairs in the admin."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from iswg_portal.core.fragments import cached_fragment
from iswg_portal.core.translation import best_translations

from .forms import ProvinceSelect
from .snippets import Province

# What a helpline shares with its translations: a number dialled, its place in the list and its
# province are the same in every language; only the name and what it is for are words.
HELPLINE_FACTS = ("number", "order", "province_id")


class Helpline(TranslatableMixin, index.Indexed, models.Model):
    """A telephone line for help: a short code such as 112 or a full number, what it is for, and
    the province it serves (none: the whole region). Each language has its own row, matched by
    translation key; the number, order and province are kept equal across them."""

    number = models.CharField(
        _("number"),
        max_length=30,
        help_text=_(
            "As it is dialled from a phone in Türkiye: a short code such as 112, or a full "
            "number such as 0 232 123 45 67."
        ),
    )
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("What people call it, in this language: “Emergency”, “YİMER”."),
    )
    purpose = models.CharField(
        _("what it is for"),
        max_length=240,
        blank=True,
        help_text=_(
            "One short sentence in this language saying when to call: “Ambulance, fire, "
            "police: any emergency.”"
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_(
            "Helplines are listed from the lowest number here; the same in every language."
        ),
    )
    province = models.ForeignKey(
        Province,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="helplines",
        verbose_name=_("province"),
        help_text=_("Only for a helpline of one province. Blank: the whole region."),
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("purpose"),
        FieldPanel("order"),
        FieldPanel("province", widget=ProvinceSelect),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("number"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("helpline")
        verbose_name_plural = _("helplines")
        ordering = ["order", "number"]

    def __str__(self):
        return f"{self.number} {self.name}"

    def save(self, *args, **kwargs):
        """Save, and give every other translation the same number, order and province."""
        super().save(*args, **kwargs)
        type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).update(
            **{field: getattr(self, field) for field in HELPLINE_FACTS}
        )

    @property
    def dial(self):
        """The number as a tel: link dials it: digits and a leading plus only."""
        number = self.number.strip()
        digits = "".join(character for character in number if character.isdigit())
        return f"+{digits}" if number.startswith("+") else digits


def helplines_for(locale, province=None):
    """The helplines a reader of `locale` (a Locale or a language code) sees, in order, each in
    the nearest language that has it (`best_translation`: the fallback languages, then any):
    the whole region's, and the province's when one is given (a Province or its primary key)."""
    language = getattr(locale, "language_code", locale)
    province_id = getattr(province, "pk", province)
    # Kept until the next publication: helplines are a snippet the content version follows.
    return cached_fragment(
        "helplines", (language, province_id), lambda: _helplines(language, province)
    )


def _helplines(language, province):
    where = Q(province__isnull=True)
    if province is not None:
        where |= Q(province=province)
    rows = Helpline.objects.filter(where).select_related("locale").order_by("order", "number", "pk")
    return best_translations(rows, language)
