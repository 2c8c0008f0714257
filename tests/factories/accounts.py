"""Factories for people and their roles."""

import re
import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt
from django.contrib.auth.models import Group

from iswg_portal.accounts.models import Organisation, User
from iswg_portal.accounts.organisations import join
from iswg_portal.accounts.roles import ADMIN_ROLES

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A verified account; pass `role="Co-chairs"` (or another role group) to give it a role.

    People in an admin role (co-chairs, group leads, agency editors) and superusers get an
    authenticator app too, as the admin requires; pass `mfa=False` for one who has not set it
    up yet, or `mfa=True` to give one to anybody.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@agency.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            # The migrations make the role groups with their rights, as in production.
            self.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def organisation(self, create, extracted, **kwargs):
        """`organisation=page`: the person works for that agency or thematic group."""
        if create and extracted is not None:
            join(self, Organisation.objects.get(translation_key=extracted.translation_key).group)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        if extracted is not None:
            wanted = extracted
        else:
            wanted = self.is_superuser or self.groups.filter(name__in=ADMIN_ROLES).exists()
        if create and wanted:
            TOTP.activate(self, generate_totp_secret())


def totp_secret(user):
    """The secret of the person's authenticator app, to compute a valid code in a test."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def current_totp_code(user, time_to_type=5):
    """The code the person's authenticator app shows."""
    return app_code(totp_secret(user), time_to_type)


def app_code(secret, time_to_type=5):
    """The code an authenticator app holding `secret` shows, as a person would read it: one
    that still has the seconds it takes to type and send it (the portal accepts only the
    current period's code), so when the app is about to change they wait for the next."""
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < time_to_type:
        time.sleep(left + 0.05)
    counter = int(time.time()) // period
    return format_hotp_value(hotp_value(secret, counter))


MAILBOX_STEP_URL = "/{language}/accounts/2fa/confirm-email/"


def mailbox_code_in(message):
    """The one-time code of an e-mail that asks to prove the mailbox, as the person reads it."""
    match = re.search(r"^\s+(\d{4} \d{4})\s*$", message.body, re.MULTILINE)
    assert match, message.body
    return match.group(1)


def prove_mailbox(client, outbox, language="en"):
    """Ask for the code that comes before a first authenticator app and type it back, as the
    person does from their inbox; return the last response."""
    url = MAILBOX_STEP_URL.format(language=language)
    client.post(url, {"send": "1"})
    return client.post(url, {"code": mailbox_code_in(outbox[-1])})
