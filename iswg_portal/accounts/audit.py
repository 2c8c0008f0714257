"""Audit log actions for accounts, written to Wagtail's log so co-chairs can filter them."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from iswg_portal.core.stored_names import shown_name

from .models import role_label

ROLES_CHANGED = "iswg.account.roles"
DEACTIVATED = "iswg.account.deactivate"
REACTIVATED = "iswg.account.reactivate"
INVITATION_SENT = "iswg.invitation.send"
INVITATION_ACCEPTED = "iswg.invitation.accept"
ACCESS_REQUESTED = "iswg.access_request.file"
ACCESS_APPROVED = "iswg.access_request.approve"
ACCESS_DECLINED = "iswg.access_request.decline"
ORGANISATION_CREATED = "iswg.organisation.create"
ORGANISATION_RENAMED = "iswg.organisation.rename"
ORGANISATION_REMOVED = "iswg.organisation.remove"


class RolesChangedFormatter(LogFormatter):
    """Says which groups an account gained and lost."""

    label = _("Account: roles changed")

    def format_message(self, log_entry):
        added = ", ".join(map(shown_name, log_entry.data.get("added", []))) or "–"
        removed = ", ".join(map(shown_name, log_entry.data.get("removed", []))) or "–"
        return _("Groups added: %(added)s. Groups removed: %(removed)s.") % {
            "added": added,
            "removed": removed,
        }


class InvitationSentFormatter(LogFormatter):
    """Says who was invited, with which role."""

    label = _("Invitation: sent")

    def format_message(self, log_entry):
        return _("Invitation sent to %(email)s as %(role)s.") % {
            "email": log_entry.data.get("email", ""),
            "role": role_label(log_entry.data.get("role", "")),
        }


class AccessDecisionFormatter(LogFormatter):
    """Says what was decided on an access request, with the note sent to the person."""

    def format_message(self, log_entry):
        return _("%(decision)s for %(email)s.") % {
            "decision": self.label,
            "email": log_entry.data.get("email", ""),
        }

    def format_comment(self, log_entry):
        return log_entry.data.get("note", "")


class AccessApprovedFormatter(AccessDecisionFormatter):
    """An approval: the person gets an invitation or the role on their account."""

    label = _("Access request: approved")


class AccessDeclinedFormatter(AccessDecisionFormatter):
    """A refusal: the person is told, no account is touched."""

    label = _("Access request: declined")


class OrganisationFormatter(LogFormatter):
    """Names the agency's or thematic group's Django group, and its old name on a rename."""

    def format_message(self, log_entry):
        data = log_entry.data
        name = shown_name(data.get("name", ""))
        if "old" in data:
            return _("Group “%(old)s” renamed to “%(name)s”.") % {
                "old": shown_name(data["old"]),
                "name": name,
            }
        return _("%(action)s: %(name)s.") % {"action": self.label, "name": name}


class OrganisationCreatedFormatter(OrganisationFormatter):
    label = _("Agency or thematic group: group created")


class OrganisationRenamedFormatter(OrganisationFormatter):
    label = _("Agency or thematic group: group renamed")


class OrganisationRemovedFormatter(OrganisationFormatter):
    label = _("Agency or thematic group: group removed")


def register_account_log_actions(actions):
    """Register the account actions with Wagtail's log registry (called from wagtail_hooks)."""
    actions.register_action(ROLES_CHANGED)(RolesChangedFormatter)
    actions.register_action(
        DEACTIVATED, _("Account: deactivate"), _("Account deactivated; its sessions ended")
    )
    actions.register_action(REACTIVATED, _("Account: reactivate"), _("Account reactivated"))
    actions.register_action(INVITATION_SENT)(InvitationSentFormatter)
    actions.register_action(
        INVITATION_ACCEPTED, _("Invitation: accepted"), _("Invitation accepted; account ready")
    )
    actions.register_action(ACCESS_REQUESTED, _("Access request: filed"), _("Access request filed"))
    actions.register_action(ACCESS_APPROVED)(AccessApprovedFormatter)
    actions.register_action(ACCESS_DECLINED)(AccessDeclinedFormatter)
    actions.register_action(ORGANISATION_CREATED)(OrganisationCreatedFormatter)
    actions.register_action(ORGANISATION_RENAMED)(OrganisationRenamedFormatter)
    actions.register_action(ORGANISATION_REMOVED)(OrganisationRemovedFormatter)
