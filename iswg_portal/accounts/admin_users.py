"""Wagtail's user pages as co-chairs use them: privilege is ordered (superuser > co-chair >
everybody else), an e-mail change waits for the new address to confirm it, and an account
belongs to at most one agency."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.users.forms import UserEditForm
from wagtail.users.views.users import DeleteView, EditView, UserFilterSet, UserViewSet

from iswg_portal.core.stored_names import shown_name

from .email_change import request_email_change
from .models import Organisation
from .organisations import organisation_choices
from .privilege import grantable_groups, may_change_credentials, may_manage_account
from .roles import CO_CHAIRS

CREDENTIAL_FIELDS = ("email", "is_active")


class PortalUserEditForm(UserEditForm):
    def __init__(self, *args, editor, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_email = self.instance.email
        self.requested_email = None
        if not editor.is_superuser:
            # A co-chair manages roles, but full administrator rights stay with superusers.
            self.fields.pop("is_superuser", None)
        self.grantable = grantable_groups(editor)
        if not may_change_credentials(editor, self.instance):
            for name in CREDENTIAL_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
            # Demoting a peer first would open their credentials to change: a co-chair's
            # role is taken away by a superuser only.
            self.grantable = self.grantable.exclude(name=CO_CHAIRS)
        if "groups" in self.fields:
            self.fields["groups"].queryset = self.grantable
            self.fields["groups"].choices = organisation_choices(self.grantable)

    def clean_groups(self):
        groups = list(self.cleaned_data["groups"])
        if self.instance.pk:
            # Groups the editor may not hand out are not theirs to take away either.
            groups += self.instance.groups.exclude(pk__in=self.grantable.values("pk"))
        agencies = [
            group
            for group in groups
            if Organisation.objects.filter(group=group, kind=Organisation.Kind.AGENCY).exists()
        ]
        if len(agencies) > 1:
            raise forms.ValidationError(
                _("An account belongs to one agency at most: keep only one of %(names)s.")
                % {"names": ", ".join(shown_name(group.name) for group in agencies)}
            )
        return groups

    def save(self, commit=True):
        new_email = self.cleaned_data.get("email") or self.stored_email
        if new_email.lower() != self.stored_email.lower():
            # Whoever controls the new address must say so before sign-in and password
            # resets go there; until then the account keeps the address it has.
            self.requested_email = new_email
            self.instance.email = self.stored_email
        return super().save(commit)


def refuse_unless_manageable(request, account):
    """403 for an account with more rights than the editor's own."""
    if not may_manage_account(request.user, account):
        raise PermissionDenied


def refuse_unless_credentials_changeable(request, account):
    """403 unless the editor may change the account's e-mail, password or active state."""
    if not may_change_credentials(request.user, account):
        raise PermissionDenied


class PortalUserEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        refuse_unless_manageable(request, self.object)
        if request.method == "POST" and not may_change_credentials(request.user, self.object):
            submitted = request.POST.get("email")
            if submitted is not None and submitted.strip().lower() != self.object.email.lower():
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editor": self.request.user}

    def save_instance(self):
        instance = super().save_instance()
        if self.form.requested_email:
            request_email_change(instance, self.form.requested_email, self.request)
            messages.info(
                self.request,
                _(
                    "A confirmation link went to %(new)s. The account keeps %(old)s until "
                    "the link is followed; %(old)s has been told."
                )
                % {"new": self.form.requested_email, "old": instance.email},
            )
        return instance


class PortalUserDeleteView(DeleteView):
    def dispatch(self, request, *args, **kwargs):
        refuse_unless_credentials_changeable(request, self.get_object())
        return super().dispatch(request, *args, **kwargs)


class NamedGroupsField(django_filters.fields.ModelMultipleChoiceField):
    """Groups to filter by, each agency and thematic group named in the editor's language:
    the choices are read afresh whenever the field is drawn (a form copies its fields, and the
    copy sets its choices again from here)."""

    @property
    def choices(self):
        return organisation_choices(self.queryset)

    @choices.setter
    def choices(self, value):
        # Django sets the choices from the queryset; they are always worked out above.
        pass


class PortalUserFilterSet(UserFilterSet):
    """Wagtail's user filters, with each agency and thematic group named in the editor's
    language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["group"].field_class = NamedGroupsField


class PortalUserViewSet(UserViewSet):
    filterset_class = PortalUserFilterSet
    edit_view_class = PortalUserEditView
    delete_view_class = PortalUserDeleteView

    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else super().get_form_class(for_update)
