"""Directory searches that found nothing or one service, kept for the co-chairs' report
"What people looked for and did not find" (services_map/search_misses.py records them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchMiss(models.Model):
    """One search of the public directory that found nothing or a single service.

    It says what was looked for and nothing about who looked: no address, session, account,
    browser or time of day, only the day. Rows older than SEARCH_MISS_RETENTION_DAYS are
    deleted by `manage.py prune_search_misses`.
    """

    day = models.DateField(_("day"), db_index=True)
    language = models.CharField(_("language of the directory"), max_length=10)
    words = models.CharField(
        _("words"), max_length=200, blank=True, help_text=_("The search words, folded.")
    )
    filters = models.CharField(_("filters"), max_length=500, blank=True)
    provinces = models.CharField(
        _("provinces"),
        max_length=200,
        blank=True,
        help_text=_("Slugs of the provinces chosen, comma-separated; empty when none was."),
    )
    result_count = models.PositiveSmallIntegerField(_("services found"))

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")

    def __str__(self):
        return f"{self.day} {self.language}: {self.words or self.filters}"
