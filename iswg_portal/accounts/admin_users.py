"""Wagtail's user pages as co-chairs use them: only a superuser makes a superuser, and an
account belongs to at most one agency."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserEditForm
from wagtail.users.views.users import EditView, UserViewSet

from .models import Organisation


class PortalUserEditForm(UserEditForm):
    def __init__(self, *args, editor=None, **kwargs):
        super().__init__(*args, **kwargs)
        if editor is None or not editor.is_superuser:
            # A co-chair manages roles, but full administrator rights stay with superusers.
            self.fields.pop("is_superuser", None)

    def clean_groups(self):
        groups = self.cleaned_data["groups"]
        agencies = [
            group
            for group in groups
            if Organisation.objects.filter(group=group, kind=Organisation.Kind.AGENCY).exists()
        ]
        if len(agencies) > 1:
            raise forms.ValidationError(
                _("An account belongs to one agency at most: keep only one of %(names)s.")
                % {"names": ", ".join(group.name for group in agencies)}
            )
        return groups


class PortalUserEditView(EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "editor": self.request.user}


class PortalUserViewSet(UserViewSet):
    edit_view_class = PortalUserEditView

    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else super().get_form_class(for_update)
