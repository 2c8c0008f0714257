"""Proof that the person setting up a first authenticator app reads the account's mailbox.

A password alone must not be enough to tie an account to somebody else's phone: whoever has
the password could otherwise enrol their own authenticator on an account that has none yet,
and keep it. So before the first one is set up, a one-time code goes to the account's primary
confirmed address; typing it back marks this session, for a short while, as allowed to
activate. The code lives in the session only (hashed), so it is worth nothing in another
browser, and wrong codes are counted per account by allauth's rate limits.
"""

import hmac
import secrets
import time
import unicodedata

from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac

from .emails import absolute_url, send_account_mail

CODE_DIGITS = 8
CODE_LIFETIME_SECONDS = 15 * 60
PROOF_LIFETIME_SECONDS = 15 * 60

# allauth rate limit actions (ACCOUNT_RATE_LIMITS in settings).
SEND_ACTION = "mailbox_code_send"
CHECK_ACTION = "mailbox_code_check"

PENDING_KEY = "accounts.mailbox_code"
PROVEN_KEY = "accounts.mailbox_proven"


def confirmed_address(user):
    """The account's primary address if it is confirmed, else None: the only one a code may
    go to, since an unconfirmed one may belong to anybody."""
    return EmailAddress.objects.filter(user=user, primary=True, verified=True).first()


def generate_code():
    """Eight random digits: easy to type on any keyboard, and unlike a six-digit app code."""
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def normalise_code(typed):
    """What the person typed, as ASCII digits: spaces and dashes dropped, Arabic-Indic and
    Persian digits read as the digits they are. Anything else is kept, so it cannot match."""
    characters = []
    for character in typed:
        if character.isspace() or character in "-\u2010\u2011\u2012\u2013\u2014":
            continue
        characters.append(
            str(unicodedata.decimal(character)) if character.isdecimal() else character
        )
    return "".join(characters)


def code_digest(user, code):
    """A keyed hash of the code for one account: the session store never holds the code."""
    return salted_hmac("iswg_portal.accounts.mailbox_proof", f"{user.pk}:{code}").hexdigest()


def send_code(request, address):
    """E-mail a new code to `address` (the account's confirmed one), replacing any earlier
    code of this session. False when the account has asked for too many codes lately."""
    user = request.user
    if not ratelimit.consume(request, action=SEND_ACTION, user=user):
        return False
    code = generate_code()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "digest": code_digest(user, code),
        "expires": time.time() + CODE_LIFETIME_SECONDS,
    }
    with translation.override(user.preferred_language):
        reset_path = reverse("account_reset_password")
    send_account_mail(
        "two_factor_mailbox_code",
        address.email,
        user.preferred_language,
        {
            "user": user,
            "code": f"{code[:4]} {code[4:]}",
            "minutes": CODE_LIFETIME_SECONDS // 60,
            "reset_link": absolute_url(reset_path, request),
        },
    )
    return True


def pending_code(request):
    """This session's code, if it was sent for the signed-in account and has not expired."""
    pending = request.session.get(PENDING_KEY)
    if not pending or pending.get("user") != request.user.pk:
        return None
    if time.time() > pending["expires"]:
        request.session.pop(PENDING_KEY, None)
        return None
    return pending


class CheckResult:
    """How a typed code was received."""

    PROVEN = "proven"
    WRONG = "wrong"
    NO_CODE = "no_code"
    TOO_MANY = "too_many"


def check_code(request, typed):
    """Compare a typed code with this session's; on a match, mark the session as having
    proven the mailbox. Every try counts towards the account's limit, and a code whose
    account has reached it is dropped, so a new one must be asked for after the wait."""
    pending = pending_code(request)
    if pending is None:
        return CheckResult.NO_CODE
    if not ratelimit.consume(request, action=CHECK_ACTION, user=request.user):
        request.session.pop(PENDING_KEY, None)
        return CheckResult.TOO_MANY
    typed_digest = code_digest(request.user, normalise_code(typed))
    if not hmac.compare_digest(typed_digest, pending["digest"]):
        return CheckResult.WRONG
    request.session.pop(PENDING_KEY, None)
    request.session[PROVEN_KEY] = {
        "user": request.user.pk,
        "until": time.time() + PROOF_LIFETIME_SECONDS,
    }
    return CheckResult.PROVEN


def is_proven(request):
    """True when this session proved the account's mailbox within the last few minutes."""
    proven = request.session.get(PROVEN_KEY)
    return bool(proven and proven.get("user") == request.user.pk and time.time() <= proven["until"])


def forget(request):
    """Drop the proof once used: the next first authenticator needs a new one."""
    request.session.pop(PROVEN_KEY, None)
    request.session.pop(PENDING_KEY, None)
