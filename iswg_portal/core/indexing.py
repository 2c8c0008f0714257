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
    searched = {
        model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)
    }
    referenced = set(ReferenceIndex.tracked_models)

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[(sender, instance.pk)] = None

    for model in searched:
        post_save.disconnect(post_save_signal_handler, sender=model)
    for model in referenced:
        post_save.disconnect(update_reference_index_on_save, sender=model)
    for model in searched | referenced:
        post_save.connect(note, sender=model, weak=False)
    try:
        yield
    finally:
        for model in searched | referenced:
            post_save.disconnect(note, sender=model)
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
        for model in referenced:
            post_save.connect(update_reference_index_on_save, sender=model)
        _batch.saved = None
    index_saved(saved, searched, referenced)


def index_saved(saved, searched, referenced):
    """Index each saved (model, pk) once for search, and each object that owns references once
    for them; every object read once."""
    loaded = {}

    def load(model, pk):
        if (model, pk) not in loaded:
            loaded[(model, pk)] = model._default_manager.filter(pk=pk).first()
        return loaded[(model, pk)]

    owners = set()
    for model, pk in saved:
        if model in searched and (instance := load(model, pk)) is not None:
            index.insert_or_update_object(instance)
        if model in referenced:
            owners.add(references_owner(model, pk))
    with transaction.atomic():
        for owner in owners - {None}:
            if ReferenceIndex.is_indexed(owner[0]) and (instance := load(*owner)) is not None:
                ReferenceIndex.create_or_update_for_object(instance)


def references_owner(model, pk):
    """The (model, pk) the reference index records a saved row's references under, as Wagtail's
    own update does: the row itself, or for a row of a page's or snippet's child relation
    (ParentalKey) the page or snippet it belongs to, read by its key alone; None for a row
    without one."""
    while pk is not None:
        keys = [field for field in model._meta.get_fields() if isinstance(field, ParentalKey)]
        if not keys:
            return model, pk
        rows = model._default_manager.filter(pk=pk)
        pk = rows.values_list(keys[0].attname, flat=True).first()
        model = keys[0].related_model
    return None
