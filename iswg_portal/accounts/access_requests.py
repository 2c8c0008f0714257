"""Access requests: anyone files one; a co-chair approves (an invitation follows) or declines."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from . import audit
from .emails import absolute_url, send_account_mail
from .invitations import issue_invitation
from .models import AccessRequest, User, role_label
from .organisations import join
from .roles import CO_CHAIRS


class AlreadyDecided(Exception):
    """A co-chair decided this request already; a second decision would contradict the first."""


def file_access_request(*, name, email, agency, role_wanted, reason, language, request=None):
    """Record the request, tell the co-chairs and log it; nobody gets any right from it."""
    access_request = AccessRequest.objects.create(
        name=name,
        email=User.objects.normalize_email(email).lower(),
        agency=agency,
        role_wanted=role_wanted,
        reason=reason,
        language=language,
    )
    log(access_request, audit.ACCESS_REQUESTED, data={"email": access_request.email})
    review_path = reverse("accounts_access_request:edit", args=[access_request.pk])
    co_chairs = User.objects.filter(is_active=True).filter(
        Q(groups__name=CO_CHAIRS) | Q(is_superuser=True)
    )
    for co_chair in co_chairs.distinct():
        send_account_mail(
            "access_request_filed",
            co_chair.email,
            co_chair.preferred_language,
            {"access_request": access_request, "link": absolute_url(review_path, request)},
        )
    return access_request


def _mark_decided(access_request, status, decided_by, note):
    locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
    if locked.status != AccessRequest.Status.PENDING:
        raise AlreadyDecided(_("A co-chair has decided on this request already."))
    locked.status = status
    locked.decided_by = decided_by
    locked.decided_at = timezone.now()
    locked.decision_note = note
    return locked


@transaction.atomic
def approve_access_request(
    access_request, *, role, organisation_group=None, note="", decided_by=None, request=None
):
    """Approve: an existing account gets the role at once, anyone else gets an invitation."""
    locked = _mark_decided(access_request, AccessRequest.Status.APPROVED, decided_by, note)
    locked.granted_role = role
    locked.organisation_group = organisation_group
    user = User.objects.filter(email__iexact=locked.email).first()
    if user is not None:
        user.groups.add(Group.objects.get(name=role))
        if organisation_group is not None:
            join(user, organisation_group)
        send_account_mail(
            "access_request_approved",
            user.email,
            user.preferred_language,
            {
                "access_request": locked,
                "role_label": role_label(locked.granted_role),
                "link": absolute_url(reverse("account_login"), request),
            },
        )
    else:
        locked.invitation = issue_invitation(
            email=locked.email,
            role=role,
            organisation_group=organisation_group,
            language=locked.language,
            invited_by=decided_by,
            request=request,
            access_request=locked,
        )
    locked.save()
    log(locked, audit.ACCESS_APPROVED, user=decided_by, data={"email": locked.email, "note": note})
    return locked


@transaction.atomic
def decline_access_request(access_request, *, note="", decided_by=None):
    """Decline: the person is told in the language they wrote in; no account is touched."""
    locked = _mark_decided(access_request, AccessRequest.Status.DECLINED, decided_by, note)
    locked.save()
    send_account_mail(
        "access_request_declined", locked.email, locked.language, {"access_request": locked}
    )
    log(locked, audit.ACCESS_DECLINED, user=decided_by, data={"email": locked.email, "note": note})
    return locked
