"""Demo accounts: one person for each role, with passwords that stay the same between runs."""

import hashlib
import hmac

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction

from .models import Organisation, User
from .organisations import join
from .roles import AGENCY_EDITORS, CO_CHAIRS, GROUP_LEADS, MEMBERS, ensure_role_groups

DEMO_ACCOUNTS = [
    ("cochair@demo.iswg.example", "Ayşe", "Demir", CO_CHAIRS),
    ("grouplead@demo.iswg.example", "Omar", "Haddad", GROUP_LEADS),
    ("agency@demo.iswg.example", "Zeynep", "Kaya", AGENCY_EDITORS),
    ("member@demo.iswg.example", "Reza", "Ahmadi", MEMBERS),
]


def demo_password(email):
    """A password derived from the secret key, so re-seeding never changes it."""
    digest = hmac.new(settings.SECRET_KEY.encode(), email.encode(), hashlib.sha256).hexdigest()
    return f"Demo-{digest[:12]}"


@transaction.atomic
def seed_accounts(stdout):
    """Create the role groups and one verified demo account per role; return the accounts."""
    groups = ensure_role_groups()
    accounts = {}
    for email, first_name, last_name, role in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=demo_password(email),
                first_name=first_name,
                last_name=last_name,
            )
            stdout.write(f"Created demo account {email} ({role}).")
        user.groups.add(groups[role])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        accounts[role] = user
    if settings.DEBUG:
        stdout.write("Demo accounts (shown because DEBUG is on):")
        for email, _first, _last, role in DEMO_ACCOUNTS:
            stdout.write(f"  {role:<15} {email:<32} {demo_password(email)}")
    return accounts


def place_demo_accounts(stdout, *, agency_page=None, group_page=None):
    """The demo agency editor works for `agency_page`'s agency and the demo group lead leads
    `group_page`'s thematic group."""
    for email, page in [
        ("agency@demo.iswg.example", agency_page),
        ("grouplead@demo.iswg.example", group_page),
    ]:
        user = User.objects.filter(email=email).first()
        organisation = (
            Organisation.objects.filter(translation_key=page.translation_key)
            .select_related("group")
            .first()
            if page is not None
            else None
        )
        if user is not None and organisation is not None:
            join(user, organisation.group)
            stdout.write(f"Demo account {email} works for {organisation.group.name}.")
