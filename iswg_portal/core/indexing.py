"""Search and reference indexing held back while a batch of saves runs, then done once for each
object saved: Wagtail indexes a page for search and for its references at every save, and
making or publishing one page saves it several times (created, its revision, published, each
translation copied and published again). Seeding the demo and the test factories save in
batches; an editor's single publish needs no batch.

Inside index_once() the objects saved are only noted; when the outermost batch ends they are
read again and indexed as they then are. An object deleted in the batch is taken out of the
indexes at once, as always (the delete handlers stay connected). The handlers are
disconnected for the whole process while a batch runs: a batch belongs in a command or a test
set-up, never in a request another thread could serve at the same time.
"""

import contextlib
import threading

from django.db import transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import update_reference_index_on_save

_batch = threading.local()


@contextlib.contextmanager
def index_once():
    """Hold back indexing of the objects saved inside the block, and index each once at its
    end (see the module's docstring). Nested blocks join the outermost."""
    if getattr(_batch, "saved", None) is not None:
        yield
        return
    saved = _batch.saved = {}

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[(sender, instance.pk)] = None

    searched = [
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    ]
    referenced = list(ReferenceIndex.tracked_models)
    for model in searched:
        post_save.disconnect(post_save_signal_handler, sender=model)
    for model in referenced:
        post_save.disconnect(update_reference_index_on_save, sender=model)
    post_save.connect(note, weak=False)
    try:
        yield
    finally:
        post_save.disconnect(note)
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
        for model in referenced:
            post_save.connect(update_reference_index_on_save, sender=model)
        _batch.saved = None
    searched = set(searched)
    owners = {}
    for model, pk in saved:
        instance = model._default_manager.filter(pk=pk).first()
        if instance is None:
            continue
        if model in searched:
            index.insert_or_update_object(instance)
        owner = references_owner(instance) if model in referenced else None
        if owner is not None and ReferenceIndex.is_indexed(type(owner)):
            owners[(type(owner), owner.pk)] = owner
    with transaction.atomic():
        for owner in owners.values():
            ReferenceIndex.create_or_update_for_object(owner)


def references_owner(instance):
    """The object the reference index records the instance's references under, as Wagtail's
    own update does: the instance, or for a row of a page's or snippet's child relation
    (ParentalKey) the page or snippet it belongs to; None for a row without one."""
    while instance is not None:
        keys = [field for field in instance._meta.get_fields() if isinstance(field, ParentalKey)]
        if not keys:
            return instance
        instance = getattr(instance, keys[0].name)
    return None
