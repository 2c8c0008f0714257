"""What hangs off a service: its locations, weekly opening periods, phones and languages."""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from iswg_portal.core.weekdays import Weekday

from ..geo import point_in_province
from .forms import DistrictSelect, ProvinceSelect
from .panels import SharedFieldPanel


def row_key_field():
    """The key that a row shares with the same row of the service's other translations, so
    each keeps its own words on it (shared_facts.py); copied with the row, never edited."""
    return models.UUIDField(_("row key"), default=uuid.uuid4)


class ServiceLocation(Orderable):
    """A place where the service is given (HSDS location + address)."""

    page = ParentalKey(
        "services_map.ServicePage", on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(
        _("name of the place"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 'Buca Municipality Social Services Building'."),
    )
    address_1 = models.CharField(
        _("street address"),
        max_length=250,
        help_text=_("Street, number and neighbourhood (mahalle), as a taxi driver would need."),
    )
    province = models.ForeignKey(
        "services_map.Province",
        on_delete=models.PROTECT,
        related_name="service_locations",
        verbose_name=_("province"),
    )
    district = models.ForeignKey(
        "services_map.District",
        on_delete=models.PROTECT,
        related_name="service_locations",
        verbose_name=_("district"),
        help_text=_("Must be a district of the province above."),
    )
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_(
            "Right-click the place in OpenStreetMap or Google Maps and copy the first number, "
            "e.g. 38.3833."
        ),
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("The second number, e.g. 27.1750."),
    )
    wheelchair_accessible = models.BooleanField(
        _("wheelchair accessible"),
        default=False,
        help_text=_("Tick only if a wheelchair user can enter and use the service unaided."),
    )
    accessibility_description = models.CharField(
        _("about access"),
        max_length=300,
        blank=True,
        help_text=_("e.g. 'Ramp at the side entrance, lift to the 2nd floor'."),
    )
    public_transport = models.TextField(
        _("by public transport"),
        max_length=500,
        blank=True,
        help_text=_(
            "How to get there by bus, metro, tram, İZBAN or ferry, in this page's language: the "
            "lines, the stop to get off at and the walk from it, e.g. 'Bus 152 or 153 from "
            "Konak, get off at Buca Belediyesi; 3 minutes on foot.' Leave empty if you are "
            "not sure."
        ),
    )

    row_key = row_key_field()

    # The name of the place and the notes about access and public transport are words each
    # translation writes; the rest is the same in every language (shared_facts.py).
    panels = [
        FieldPanel("name"),
        SharedFieldPanel("address_1"),
        FieldRowPanel(
            [
                SharedFieldPanel("province", widget=ProvinceSelect),
                SharedFieldPanel("district", widget=DistrictSelect),
                SharedFieldPanel("postal_code"),
            ]
        ),
        FieldRowPanel([SharedFieldPanel("latitude"), SharedFieldPanel("longitude")]),
        SharedFieldPanel("wheelchair_accessible"),
        FieldPanel("accessibility_description"),
        FieldPanel("public_transport"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name or self.address_1

    def clean(self):
        """The district lies in the province, and the coordinates inside that province."""
        super().clean()
        errors = {}
        if self.province_id and self.district_id and self.district.province_id != self.province_id:
            errors["district"] = _("%(district)s is not a district of %(province)s.") % {
                "district": self.district.name,
                "province": self.province.name,
            }
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = _(
                "Give both latitude and longitude, or neither."
            )
        elif (
            self.latitude is not None
            and self.province_id
            and not point_in_province(self.province.slug, self.latitude, self.longitude)
        ):
            errors["latitude"] = _(
                "These coordinates are not in %(province)s. Check that latitude (about 36–40) "
                "and longitude (about 26–33) are not swapped."
            ) % {"province": self.province.name}
        if errors:
            raise ValidationError(errors)

    @property
    def has_coordinates(self):
        """True when the location can be put on a map."""
        return self.latitude is not None and self.longitude is not None


class ServiceSchedule(Orderable):
    """One opening period in the weekly schedule, in Europe/Istanbul time."""

    # The portal's one weekday enumeration (1 = Monday, as HSDS counts).
    Weekday = Weekday

    page = ParentalKey(
        "services_map.ServicePage", on_delete=models.CASCADE, related_name="schedules"
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"), help_text=_("Turkish time, e.g. 09:00."))
    closes_at = models.TimeField(_("closes at"), help_text=_("e.g. 17:30."))

    panels = [
        FieldRowPanel(
            [
                SharedFieldPanel("weekday"),
                SharedFieldPanel("opens_at"),
                SharedFieldPanel("closes_at"),
            ]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening period")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def clean(self):
        """A period closes after it opens; a lunch break is two periods."""
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("Closing time must be after opening time on the same day.")}
            )


class ServicePhone(Orderable):
    """A phone number of the service (HSDS phone)."""

    class PhoneType(models.TextChoices):
        VOICE = "voice", _("Landline")
        MOBILE = "mobile", _("Mobile")
        WHATSAPP = "whatsapp", _("WhatsApp")
        HOTLINE = "hotline", _("Hotline")

    page = ParentalKey("services_map.ServicePage", on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(
        _("number"), max_length=30, help_text=_("With area code, e.g. 0232 000 00 00.")
    )
    phone_type = models.CharField(
        _("type"), max_length=10, choices=PhoneType.choices, default=PhoneType.VOICE
    )
    description = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 'Arabic speaker on Tuesdays' or '24/7 line'."),
    )

    row_key = row_key_field()

    panels = [
        FieldRowPanel([SharedFieldPanel("number"), SharedFieldPanel("phone_type")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self):
        return self.number

    @property
    def tel_href(self):
        """The number as a tel: link target, digits and a leading plus only."""
        digits = "".join(ch for ch in self.number if ch.isdigit() or ch == "+")
        return f"tel:{digits}"


class ServiceLanguage(Orderable):
    """A language staff or interpreters speak at the service."""

    page = ParentalKey(
        "services_map.ServicePage", on_delete=models.CASCADE, related_name="service_languages"
    )
    language = models.ForeignKey(
        "services_map.Language",
        on_delete=models.PROTECT,
        related_name="service_languages",
        verbose_name=_("language"),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 'Interpreter on Wednesdays only'."),
    )

    row_key = row_key_field()

    panels = [SharedFieldPanel("language"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")

    def __str__(self):
        return str(self.language)
