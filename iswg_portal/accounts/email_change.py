"""An e-mail change made for someone in the admin: the new address must confirm it first."""

from allauth.account.models import EmailAddress

from .emails import send_account_mail


def request_email_change(user, new_email, request):
    """Keep `new_email` pending beside the account's address, send it allauth's confirmation
    link and tell the current address. Until the link is followed the account signs in, and
    receives password resets, at its current address only (allauth's ACCOUNT_CHANGE_EMAIL
    then makes the confirmed address the account's one)."""
    EmailAddress.objects.filter(user=user, verified=False, primary=False).exclude(
        email__iexact=new_email
    ).delete()
    pending, _created = EmailAddress.objects.get_or_create(
        user=user, email__iexact=new_email, defaults={"email": new_email, "verified": False}
    )
    pending.send_confirmation(request)
    send_account_mail(
        "email_change_requested",
        user.email,
        user.preferred_language,
        {"user": user, "new_email": new_email, "changed_by": request.user},
    )
    return pending
