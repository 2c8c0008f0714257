"""Invitations: a co-chair invites by e-mail; the link sets a password once, within 7 days."""

import hashlib
import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from . import audit
from .emails import absolute_url, send_account_mail
from .models import Invitation, User, role_label
from .organisations import join

# Longer than any token we hand out: anything past it is not worth a database query.
MAX_TOKEN_LENGTH = 64


class InvitationUnusable(Exception):
    """The invitation was accepted already or its seven days are over."""


def token_digest(token):
    """The SHA-256 of a link's secret, as stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def find_invitation(token):
    """The invitation a link's secret belongs to, or None for any other string."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return Invitation.objects.filter(token_digest=token_digest(token)).first()


def issue_invitation(
    *,
    email,
    role,
    organisation_group=None,
    language="en",
    invited_by=None,
    request=None,
    access_request=None,
):
    """Create an invitation, e-mail its link in the person's language and log it."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=User.objects.normalize_email(email).lower(),
        role=role,
        organisation_group=organisation_group,
        language=language,
        token_digest=token_digest(token),
        invited_by=invited_by,
    )
    with translation.override(language):
        path = reverse("accounts_invitation", kwargs={"token": token})
    send_account_mail(
        "invitation",
        invitation.email,
        language,
        {
            "invitation": invitation,
            "link": absolute_url(path, request),
            "role_label": role_label(invitation.role),
            "invited_by": invited_by,
            "access_request": access_request,
        },
    )
    log(
        invitation,
        audit.INVITATION_SENT,
        user=invited_by,
        data={"email": invitation.email, "role": invitation.role},
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation, *, first_name, last_name, password, preferred_language):
    """Open the invited account (or the existing one at that address) with its role.

    Following the link proves the person reads that mailbox, so the address counts as verified.
    The invitation is claimed first, by one conditional UPDATE: of two acceptances at once
    only one changes the row (PostgreSQL makes the second wait for the row, SQLite for the
    database), and the other finds it used, where a read first would make SQLite refuse the
    second writer with "database is locked".
    """
    accepted_at = timezone.now()
    claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        accepted_at=accepted_at
    )
    invitation = Invitation.objects.get(pk=invitation.pk)
    if not claimed:
        raise InvitationUnusable(_("This invitation has been used already."))
    if invitation.is_expired:
        # Raising undoes the claim with the rest of the transaction.
        raise InvitationUnusable(_("This invitation has expired."))
    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User(email=invitation.email)
    user.first_name = first_name
    user.last_name = last_name
    user.preferred_language = preferred_language
    user.is_active = True
    user.set_password(password)
    user.save()
    EmailAddress.objects.filter(user=user).exclude(email__iexact=invitation.email).update(
        primary=False
    )
    EmailAddress.objects.update_or_create(
        user=user, email=invitation.email, defaults={"verified": True, "primary": True}
    )
    role_group = Group.objects.get(name=invitation.role)
    user.groups.add(role_group)
    if invitation.organisation_group is not None:
        join(user, invitation.organisation_group)
    invitation.user = user
    invitation.save(update_fields=["user"])
    log(invitation, audit.INVITATION_ACCEPTED, user=user, data={"email": invitation.email})
    return user
