"""Forms of the accounts app: public (access request, invitation, profile) and admin."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import ResetPasswordForm
from allauth.account.models import EmailAddress
from allauth.mfa.totp.forms import ActivateTOTPForm
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .mailbox_proof import normalise_code
from .models import INVITATION_LIFETIME, ROLE_CHOICES, AccessRequest, Invitation, User
from .organisations import organisation_choices, organisation_groups


class AccessRequestForm(forms.ModelForm):
    """What a stranger tells the co-chairs when asking for an account."""

    # A field people never see (hidden by CSS and from screen readers): bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = AccessRequest
        fields = ["name", "email", "agency", "role_wanted", "reason"]
        labels = {"agency": _("Agency or organisation")}
        help_texts = {
            "reason": _("What you will do on the portal, and who at the working group knows you.")
        }
        widgets = {"reason": forms.Textarea(attrs={"rows": 5})}

    @property
    def is_from_a_bot(self):
        """True when the hidden field came back filled in."""
        return bool(self.cleaned_data.get("website"))


class InvitationAcceptForm(forms.Form):
    """The invited person names themselves and sets a password."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    preferred_language = forms.ChoiceField(
        label=_("Language for e-mail"), choices=settings.LANGUAGES
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["preferred_language"].initial = invitation.language

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("password2", _("The two passwords are not the same."))
            else:
                person = User(
                    email=self.invitation.email,
                    first_name=cleaned.get("first_name", ""),
                    last_name=cleaned.get("last_name", ""),
                )
                try:
                    get_adapter().clean_password(password1, user=person)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned


class MailboxCodeForm(forms.Form):
    """The code e-mailed to the account, typed back before a first authenticator app."""

    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )


class AuthenticatorCodeForm(ActivateTOTPForm):
    """allauth's form that ties an authenticator app to the account by its first code, with the
    code read as people type it (spaces, Arabic-Indic or Persian digits) and the portal's words
    in every language it speaks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = _("Code the app shows")
        code.widget.attrs = {"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}

    def clean_code(self):
        self.cleaned_data["code"] = normalise_code(self.cleaned_data["code"])
        try:
            return super().clean_code()
        except ValidationError as error:
            if error.code != "incorrect_code":
                raise
            raise ValidationError(
                _(
                    "This code is not right. Type the six digits the app shows now. If it "
                    "fails again, check that your phone sets its clock automatically."
                ),
                code="incorrect_code",
            ) from None


class ProfileForm(forms.ModelForm):
    """What a person may change about themselves; roles are given by co-chairs only."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]


def offer_organisations(field):
    """A choice among the agencies and thematic groups, each once, named in the editor's
    language and alphabet (organisations.organisation_choices)."""
    field.queryset = organisation_groups()
    field.choices = [("", field.empty_label), *organisation_choices(field.queryset)]


class InvitationAdminForm(WagtailAdminModelForm):
    """A co-chair's invitation: one address, one role, optionally one agency or group."""

    class Meta:
        model = Invitation
        fields = ["email", "role", "organisation_group", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_organisations(self.fields["organisation_group"])

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("This address has an account already: change its roles on its user page.")
            )
        waiting = Invitation.objects.filter(
            email__iexact=email,
            accepted_at__isnull=True,
            created_at__gt=timezone.now() - INVITATION_LIFETIME,
        ).exclude(pk=self.instance.pk)
        if waiting.exists():
            raise forms.ValidationError(_("This address has a waiting invitation already."))
        return email


class AccessDecisionForm(WagtailAdminModelForm):
    """A co-chair's decision on an access request."""

    APPROVE = "approve"
    DECLINE = "decline"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve and invite")), (DECLINE, _("Decline"))],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = AccessRequest
        fields = ["decision", "granted_role", "organisation_group", "decision_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_organisations(self.fields["organisation_group"])
        self.fields["granted_role"].choices = [("", "---------"), *ROLE_CHOICES]
        if not self.instance.granted_role:
            self.initial["granted_role"] = self.instance.role_wanted

    def clean(self):
        cleaned = super().clean()
        if self.instance.status != AccessRequest.Status.PENDING:
            raise forms.ValidationError(_("A co-chair has decided on this request already."))
        if cleaned.get("decision") == self.APPROVE and not cleaned.get("granted_role"):
            self.add_error("granted_role", _("Choose the role to give."))
        return cleaned


class VerifiedAddressResetPasswordForm(ResetPasswordForm):
    """allauth's password reset, sent only to an address its account has confirmed: an
    address entered for someone and not yet confirmed never receives a way in."""

    def clean_email(self):
        email = super().clean_email()
        self.users = [
            user
            for user in self.users
            if EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
        ]
        return email
