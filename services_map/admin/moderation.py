"""Moderation of the directory: an agency editor's change waits for a co-chair's approval.

Agency editors may edit their agency's pages but not publish them, so their changes go to the
"Directory listings" workflow: one task that the co-chairs approve (publishing the change) or
reject with a comment. Wagtail e-mails the co-chairs when a change is submitted and the
submitter when it is approved or rejected; the public keeps seeing the published version."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from iswg_portal.accounts.roles import CO_CHAIRS

from ..models import ServiceDirectoryPage

WORKFLOW_NAME = "Directory listings"
TASK_NAME = "Co-chairs approve"
# How the two names read in the admin and in Wagtail's e-mails (core/stored_names.py).
SHOWN_NAMES = {WORKFLOW_NAME: _("Directory listings"), TASK_NAME: _("Co-chairs approve")}


@transaction.atomic
def moderate_directory():
    """Create the workflow if needed and put every directory page (each language's) under it."""
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    co_chairs, _ = Group.objects.get_or_create(name=CO_CHAIRS)
    for workflow_task in workflow.workflow_tasks.select_related("task"):
        task = workflow_task.task.specific
        if isinstance(task, GroupApprovalTask):
            task.groups.add(co_chairs)
    for page in ServiceDirectoryPage.objects.all():
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow
