"""What happens when a co-chair approves a change (Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail imports this while it defines its own models, so this module imports no models at load
time."""

from django.db import transaction
from django.utils import timezone


@transaction.atomic
def publish_approved(workflow_state, user=None):
    """Publish what a workflow approved. An approved service counts as verified that day: a
    co-chair has just checked it. The date is one fact of all the service's translations,
    stamped once on its source page: in the approved version when that is the source's, which
    publishing then shares; else on the source after the translation is published."""
    # Imported here to break the cycle wagtail.models -> this module -> services_map.models ->
    # wagtail.models.
    from ..freshness import stamp_verified
    from ..models import ServicePage
    from ..shared_facts import is_source

    page = workflow_state.content_object.specific
    revision = page.get_latest_revision()
    if not isinstance(page, ServicePage):
        revision.publish(user=user)
        return
    today = timezone.localdate()
    if is_source(page):
        revision.content["last_verified"] = today.isoformat()
        revision.save(update_fields=["content"])
        revision.publish(user=user)
    else:
        revision.publish(user=user)
        stamp_verified(page, today)
