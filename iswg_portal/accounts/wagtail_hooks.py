"""The accounts app in the Wagtail admin: invitations, access requests and their audit log, and
the page explorer opening at a person's own page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .access_requests import approve_access_request, decline_access_request
from .audit import register_account_log_actions
from .explorer import open_explorer_at_own_page
from .forms import AccessDecisionForm, InvitationAdminForm
from .invitations import issue_invitation
from .models import AccessRequest, Invitation, User
from .privilege import grantable_groups, may_change_credentials, may_manage_account


class InvitationCreateView(generic.CreateView):
    """Saving the form sends the invitation: the link's secret exists only in that e-mail."""

    def save_instance(self):
        data = self.form.cleaned_data
        return issue_invitation(
            email=data["email"],
            role=data["role"],
            organisation_group=data["organisation_group"],
            language=data["language"],
            invited_by=self.request.user,
            request=self.request,
        )

    def get_success_message(self, instance):
        return _("Invitation sent to %(email)s.") % {"email": instance.email}

    def get_success_buttons(self):
        return []


class InvitationEditView(generic.EditView):
    """A sent invitation is not changed (its link went to one address for one role)."""

    def dispatch(self, request, *args, **kwargs):
        messages.info(
            request,
            _("A sent invitation cannot be changed: delete it and send a new one."),
        )
        return redirect(self.inspect_url_name, kwargs["pk"])


class InvitationViewSet(ModelViewSet):
    """Co-chairs invite people and see which invitations are waiting, accepted or expired."""

    model = Invitation
    icon = "mail"
    url_prefix = "invitations"
    url_namespace = "accounts_invitation"
    add_view_class = InvitationCreateView
    edit_view_class = InvitationEditView
    form_class = InvitationAdminForm
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "email",
        "role",
        "organisation_group",
        # A property: Wagtail would name the column after it, in English.
        Column("status", label=gettext_lazy("Status")),
        "created_at",
        "invited_by",
    ]
    list_filter = ["role"]
    inspect_view_fields = [
        "email",
        "role",
        "organisation_group",
        "language",
        "invited_by",
        "created_at",
        "accepted_at",
        "user",
    ]

    def get_form_class(self, for_update=False):
        return InvitationAdminForm


class AccessDecisionView(generic.EditView):
    """Approving sends an invitation (or gives the role to an existing account); declining
    tells the person. Either way the decision is final and logged."""

    def save_instance(self):
        request_ = self.form.instance
        data = self.form.cleaned_data
        if data["decision"] == AccessDecisionForm.APPROVE:
            return approve_access_request(
                request_,
                role=data["granted_role"],
                organisation_group=data["organisation_group"],
                note=data["decision_note"],
                decided_by=self.request.user,
                request=self.request,
            )
        return decline_access_request(
            request_, note=data["decision_note"], decided_by=self.request.user
        )

    def get_success_message(self):
        if self.object.status == AccessRequest.Status.APPROVED:
            return _("Access request of %(email)s approved.") % {"email": self.object.email}
        return _("Access request of %(email)s declined.") % {"email": self.object.email}


class AccessRequestIndexView(generic.IndexView):
    """Requests come from the public form only, so the list offers no "add" button."""

    def get_add_url(self):
        return None


class AccessRequestCreateView(generic.CreateView):
    """Not a way in: a request written by a co-chair would be no one's request."""

    def dispatch(self, request, *args, **kwargs):
        messages.info(request, _("Access requests come from the public form only."))
        return redirect(self.index_url_name)


class AccessRequestViewSet(ModelViewSet):
    """Co-chairs read access requests and approve or decline each once."""

    model = AccessRequest
    icon = "user"
    url_prefix = "access-requests"
    url_namespace = "accounts_access_request"
    index_view_class = AccessRequestIndexView
    add_view_class = AccessRequestCreateView
    edit_view_class = AccessDecisionView
    edit_template_name = "accounts/admin/access_request_decision.html"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["name", "email", "agency", "role_wanted", "status", "created_at"]
    list_filter = ["status", "role_wanted"]
    inspect_view_fields = [
        "name",
        "email",
        "agency",
        "role_wanted",
        "reason",
        "language",
        "created_at",
        "status",
        "granted_role",
        "organisation_group",
        "decision_note",
        "decided_by",
        "decided_at",
    ]

    def get_form_class(self, for_update=False):
        return AccessDecisionForm


class AccountsViewSetGroup(ModelViewSetGroup):
    """One admin menu for the people side of the portal."""

    menu_label = gettext_lazy("Accounts")
    menu_icon = "group"
    menu_order = 600
    items = (InvitationViewSet, AccessRequestViewSet)


@hooks.register("register_admin_viewset")
def register_accounts_viewsets():
    return AccountsViewSetGroup()


@hooks.register("register_log_actions")
def register_log_actions(actions):
    register_account_log_actions(actions)


hooks.register("construct_main_menu", open_explorer_at_own_page)


# Bulk actions on Wagtail's user listing that change who can sign in, or how.
CREDENTIAL_BULK_ACTIONS = {"set_active_state", "delete"}


@hooks.register("before_bulk_action")
def keep_privilege_ordered_in_bulk(request, action_type, objects, action_class_instance):
    """The user listing's bulk actions obey the same order as the edit form: nobody
    deactivates, deletes or re-roles an account above their own, nor hands out a group
    above their own rights. Refused as a whole: nothing changes."""
    if action_class_instance.model is not User:
        return
    check = (
        may_change_credentials if action_type in CREDENTIAL_BULK_ACTIONS else (may_manage_account)
    )
    if any(not check(request.user, account) for account in objects):
        raise PermissionDenied
    if action_type == "assign_role":
        role = action_class_instance.cleaned_form.cleaned_data["role"]
        if not grantable_groups(request.user).filter(pk=role.pk).exists():
            raise PermissionDenied
