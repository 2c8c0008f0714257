"""The portal's people: accounts keyed by e-mail, invitations and access requests."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager, Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    """Creates accounts keyed by a normalised e-mail address."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account: signs in with e-mail, reads e-mail in their own language."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Every e-mail the portal sends you is written in this language."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


ROLE_CHOICES = [
    ("Members", _("Member")),
    ("Agency editors", _("Agency editor")),
    ("Group leads", _("Group lead")),
    ("Co-chairs", _("Co-chair")),
]


def role_label(role):
    """A role's name for people. Lazy: it reads in the language of the e-mail or page that
    shows it, not in that of the co-chair whose action sent the e-mail."""
    return dict(ROLE_CHOICES).get(role, role)


INVITATION_LIFETIME = timedelta(days=7)


class Invitation(models.Model):
    """A co-chair's invitation to one e-mail address: a role, an optional agency or group, a
    link that lets the person set a password once, within seven days."""

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=40, choices=ROLE_CHOICES)
    organisation_group = models.ForeignKey(
        Group,
        verbose_name=_("agency or thematic group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The agency or thematic group whose pages this person will work on."),
    )
    language = models.CharField(
        _("language of the e-mail"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The invitation and every later e-mail are written in this language."),
    )
    # Only a digest of the link's secret is kept: a copy of the database opens no account.
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        editable=False,
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def expires_at(self):
        """An invitation link works for seven days from the moment it is sent."""
        return self.created_at + INVITATION_LIFETIME

    @property
    def is_expired(self):
        """True once the seven days are over."""
        return timezone.now() >= self.expires_at

    @property
    def status(self):
        """Accepted, expired or waiting, as a co-chair reads it in the admin."""
        if self.accepted_at:
            return _("accepted")
        if self.is_expired:
            return _("expired")
        return _("waiting")


class AccessRequest(models.Model):
    """A stranger's request for an account; it gives no rights until a co-chair approves it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    agency = models.CharField(_("agency"), max_length=200)
    role_wanted = models.CharField(_("role wanted"), max_length=40, choices=ROLE_CHOICES)
    reason = models.TextField(_("reason"), max_length=2000)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en", editable=False
    )
    created_at = models.DateTimeField(_("filed"), default=timezone.now, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        editable=False,
    )
    granted_role = models.CharField(
        _("role to give"), max_length=40, choices=ROLE_CHOICES, blank=True
    )
    organisation_group = models.ForeignKey(
        Group,
        verbose_name=_("agency or thematic group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(
        _("note to the person"),
        blank=True,
        max_length=2000,
        help_text=_("Sent with the decision by e-mail."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    invitation = models.OneToOneField(
        Invitation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="access_request",
        editable=False,
    )

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class Organisation(models.Model):
    """The Django group of one agency or one thematic group. Its pages, in every language,
    share a translation key; the group holds the page rights on them (see organisations.py)."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Agency")
        THEMATIC_GROUP = "thematic_group", _("Thematic group")

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="organisation", verbose_name=_("group")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    translation_key = models.UUIDField(unique=True, editable=False)

    class Meta:
        verbose_name = _("agency or thematic group")
        verbose_name_plural = _("agencies and thematic groups")

    def __str__(self):
        return self.group.name
