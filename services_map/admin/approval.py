"""What happens when a co-chair approves a change (Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION).

Wagtail imports this while it defines its own models, so this module imports no models at load
time."""

from django.utils import timezone


def publish_approved(workflow_state, user=None):
    """Publish what a workflow approved. An approved service counts as verified that day: a
    co-chair has just checked it."""
    # Imported here to break the cycle wagtail.models -> this module -> services_map.models ->
    # wagtail.models.
    from ..models import ServicePage

    revision = workflow_state.content_object.get_latest_revision()
    if issubclass(revision.content_type.model_class(), ServicePage):
        revision.content["last_verified"] = timezone.localdate().isoformat()
        revision.save(update_fields=["content"])
    revision.publish(user=user)
