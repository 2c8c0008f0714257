"""Keep the directory's derived data in step: cached vocabularies, the typo vocabulary, the
folded names used for ranking, and the facts every translation of a page shares."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from iswg_portal.accounts import organisations
from iswg_portal.core import content_version
from iswg_portal.core.text import fold_for_search

from .admin.moderation import moderate_directory
from .models import (
    AgencyPage,
    District,
    Helpline,
    Language,
    Province,
    ServiceCategory,
    ServiceDirectoryPage,
    ServicePage,
)
from .search.text import remember_words
from .shared_facts import is_source, note_word_changes, share_facts


def service_published(sender, instance, **kwargs):
    """A published service adds its words to the vocabulary. (Publishing starts a new version
    of what the portal cached: iswg_portal/core/content_version.py.)"""
    remember_words(instance.folded_words())


def refresh_service_names(agency):
    """The search keys of the agency's services' names, which hold its name and acronym."""
    for service in ServicePage.objects.child_of(agency).specific():
        keys = service.ranking_name()
        if keys != service.search_name:
            ServicePage.objects.filter(pk=service.pk).update(search_name=keys)


def agency_published(sender, instance, **kwargs):
    """Renaming an agency renames what its services are found by."""
    refresh_service_names(instance)
    remember_words(fold_for_search(f"{instance.title} {instance.acronym}"))


def facts_published(sender, instance, revision, **kwargs):
    """A published page notes whether its words changed; a published source gives its facts
    to every other translation, at once and in the same transaction (shared_facts.py)."""
    if not instance.live:
        # Scheduled for later: this runs again when it goes live.
        return
    note_word_changes(instance, revision)
    if is_source(instance):
        for translation in share_facts(instance):
            if isinstance(translation, AgencyPage):
                refresh_service_names(translation)


def agency_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """An agency's page has its own group of editors, named after it."""
    if not raw:
        organisations.page_saved(instance, organisations.Kind.AGENCY, update_fields)


def agency_deleted(sender, instance, **kwargs):
    organisations.page_deleted(instance)


def directory_saved(sender, instance, created, raw=False, **kwargs):
    """Every new directory page (each language's) is moderated by the co-chairs."""
    if created and not raw:
        moderate_directory()


def connect():
    """Wire the receivers; called once from the app config."""
    # The directory's snippets that public pages show: the taxonomy and the helplines.
    content_version.follow(ServiceCategory, Province, District, Language, Helpline)
    page_published.connect(service_published, sender=ServicePage, dispatch_uid="service-pub")
    page_published.connect(agency_published, sender=AgencyPage, dispatch_uid="agency-pub")
    for model in (ServicePage, AgencyPage):
        page_published.connect(facts_published, sender=model, dispatch_uid=f"facts-pub-{model}")
    post_save.connect(agency_saved, sender=AgencyPage, dispatch_uid="agency-organisation")
    post_delete.connect(agency_deleted, sender=AgencyPage, dispatch_uid="agency-organisation")
    post_save.connect(directory_saved, sender=ServiceDirectoryPage, dispatch_uid="directory-flow")
