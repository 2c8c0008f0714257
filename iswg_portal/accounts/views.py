"""Public account views: access requests, invitations, profile, the mailbox proof before a first
authenticator app, and the rate-limit page."""

from allauth.account.views import LogoutView
from allauth.core import ratelimit
from allauth.mfa.recovery_codes import views as recovery_codes_views
from allauth.mfa.totp import views as totp_views
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from iswg_portal.core.redirects import safe_next, with_next

from . import mailbox_proof
from .access_requests import file_access_request
from .forms import (
    AccessRequestForm,
    AuthenticatorCodeForm,
    InvitationAcceptForm,
    MailboxCodeForm,
    ProfileForm,
)
from .invitations import InvitationUnusable, accept_invitation, find_invitation
from .models import ROLE_CHOICES
from .roles import ROLE_GROUPS, needs_two_factor
from .two_factor import (
    enrolled_in_this_session,
    has_two_factor,
    is_required_for,
    mark_enrolled,
    role_requiring_two_factor,
)


def request_access(request):
    """Anyone may ask for an account; bots are turned away quietly, floods are rate limited."""
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.consume(request, action="access_request"):
            return ratelimit.respond_429(request)
        if form.is_valid():
            if not form.is_from_a_bot:
                data = form.cleaned_data
                file_access_request(
                    name=data["name"],
                    email=data["email"],
                    agency=data["agency"],
                    role_wanted=data["role_wanted"],
                    reason=data["reason"],
                    language=get_language(),
                    request=request,
                )
            # A bot sees the same answer as a person, so it learns nothing to adapt to.
            return redirect("accounts_request_access_sent")
    return render(request, "accounts/request_access.html", {"form": form})


def request_access_sent(request):
    """Thanks a person for their request and says what happens next."""
    return render(request, "accounts/request_access_sent.html")


@never_cache
def invitation(request, token):
    """The invitation link: set a name, a language and a password, once, within seven days."""
    found = find_invitation(token)
    if found is None:
        return render(
            request,
            "accounts/invitation_unusable.html",
            {"reason": _("This invitation link is not valid. Check that you copied all of it.")},
            status=404,
        )
    if found.accepted_at is not None or found.is_expired:
        reason = (
            _("This invitation has been used already: sign in with your password.")
            if found.accepted_at
            else _("This invitation has expired. Ask a co-chair to send you a new one.")
        )
        return render(request, "accounts/invitation_unusable.html", {"reason": reason}, status=410)
    form = InvitationAcceptForm(request.POST or None, invitation=found)
    if request.method == "POST" and form.is_valid():
        try:
            accept_invitation(
                found,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except InvitationUnusable as error:
            return render(
                request, "accounts/invitation_unusable.html", {"reason": error}, status=410
            )
        messages.success(request, _("Your account is ready. Sign in with your new password."))
        return redirect("account_login")
    return render(request, "accounts/invitation.html", {"form": form, "invitation": found})


@login_required
def profile(request):
    """A person's own page: name and e-mail language to change, roles to read."""
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts_profile")
    groups = list(request.user.groups.order_by("name"))
    context = {
        "form": form,
        "roles": [dict(ROLE_CHOICES)[group.name] for group in groups if group.name in ROLE_GROUPS],
        "organisation_groups": [group for group in groups if group.name not in ROLE_GROUPS],
    }
    return render(request, "accounts/profile.html", context)


def too_many_requests(request, exception=None):
    """allauth's rate limits answer with this page, in the site frame."""
    return render(request, "accounts/429.html", status=429)


def wagtail_login_redirect(request):
    """Send Wagtail's front-end login URL to allauth's sign-in, keeping a same-site `next`."""
    next_url = safe_next(request, request.GET.get("next", ""), "")
    return redirect(with_next(reverse("account_login"), next_url))


def admin_logout(request):
    """The admin's "Log out": a POST signs out through allauth, ending the session on the
    server. A GET (a typed address, a prefetch, a link on another site) changes nothing and
    says nothing about signing out: it leads to allauth's page that asks to confirm."""
    if request.method == "POST":
        return LogoutView.as_view()(request)
    return redirect("account_logout")


# The set-up of a first authenticator app, one step after the other, each page saying why.
SETUP_STEPS = [
    ("mailbox", gettext_lazy("Confirm your e-mail address")),
    ("app", gettext_lazy("Connect your authenticator app")),
    ("codes", gettext_lazy("Save your recovery codes")),
]


def setup_next(request):
    """Where the person was going when the set-up began (its `next`), if that is on this site."""
    return safe_next(request, request.GET.get("next", ""), "")


def setup_context(request, step):
    """What every page of the set-up shows: why the person is there, the steps with this one
    marked, and where they were going."""
    current = [key for key, _label in SETUP_STEPS].index(step)
    return {
        "setup_steps": [
            {"number": number, "label": label, "done": number - 1 < current}
            for number, (_key, label) in enumerate(SETUP_STEPS, start=1)
        ],
        "setup_step": current + 1,
        "setup_step_count": len(SETUP_STEPS),
        "two_factor_required": is_required_for(request.user),
        "two_factor_role": role_requiring_two_factor(request.user),
        "next_url": setup_next(request),
    }


class ActivateAuthenticatorView(totp_views.ActivateTOTPView):
    """allauth's activation of an authenticator app, at its own address, as the set-up's second
    step. An account that has none yet gets one only after this session proved it reads the
    account's mailbox: a password alone does not tie the account to somebody's phone."""

    form_class = AuthenticatorCodeForm
    template_name = "accounts/two_factor/activate.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and not has_two_factor(user)
            and not mailbox_proof.is_proven(request)
        ):
            return redirect(with_next(reverse("accounts_confirm_mailbox"), setup_next(request)))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        mailbox_proof.forget(self.request)
        mark_enrolled(self.request)
        return response

    def get_success_url(self):
        return with_next(super().get_success_url(), setup_next(self.request))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        secret = context["form"].secret
        context.update(setup_context(self.request, "app"))
        # In groups of four, as the key is read aloud or typed from the screen.
        context["secret_groups"] = [secret[start : start + 4] for start in range(0, len(secret), 4)]
        return context


activate_totp = ActivateAuthenticatorView.as_view()


class RecoveryCodesView(recovery_codes_views.ViewRecoveryCodesView):
    """allauth's page of recovery codes. Right after the set-up it is its last step: the codes
    to save, then a button on to where the person was going."""

    template_name = "accounts/two_factor/recovery_codes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if enrolled_in_this_session(self.request):
            context.update(setup_context(self.request, "codes"))
        user = self.request.user
        fallback = reverse("wagtailadmin_home" if needs_two_factor(user) else "accounts_profile")
        context["continue_url"] = setup_next(self.request) or fallback
        return context


view_recovery_codes = RecoveryCodesView.as_view()


@never_cache
@login_required
def confirm_mailbox(request):
    """Before a first authenticator app: send a one-time code to the account's confirmed
    address, and take it back. Sending happens on a button, never on a page load."""
    user = request.user
    next_url = setup_next(request)
    if has_two_factor(user) or mailbox_proof.is_proven(request):
        return redirect(with_next(reverse("mfa_activate_totp"), next_url))
    address = mailbox_proof.confirmed_address(user)
    form = MailboxCodeForm()
    if request.method == "POST" and address is not None:
        if "send" in request.POST:
            if not mailbox_proof.send_code(request, address):
                return ratelimit.respond_429(request)
            return redirect(with_next(reverse("accounts_confirm_mailbox"), next_url))
        form = MailboxCodeForm(request.POST)
        if form.is_valid():
            result = mailbox_proof.check_code(request, form.cleaned_data["code"])
            if result == mailbox_proof.CheckResult.PROVEN:
                messages.success(
                    request,
                    _("Your e-mail address is confirmed. Now set up your authenticator app."),
                )
                return redirect(with_next(reverse("mfa_activate_totp"), next_url))
            if result == mailbox_proof.CheckResult.TOO_MANY:
                return ratelimit.respond_429(request)
            if result == mailbox_proof.CheckResult.WRONG:
                error = _("This code is not right. Check the latest e-mail and type it again.")
            else:
                error = _(
                    "This code has expired, or was asked for in another browser. Ask for a new one."
                )
            form.add_error("code", error)
    context = {
        **setup_context(request, "mailbox"),
        "address": address,
        "form": form,
        "code_sent": mailbox_proof.pending_code(request) is not None,
        "minutes": mailbox_proof.CODE_LIFETIME_SECONDS // 60,
    }
    return render(request, "accounts/two_factor/confirm_mailbox.html", context)
