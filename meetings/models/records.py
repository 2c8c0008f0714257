"""Records that live beside the meeting pages, outside page revisions.

Page fields are restored from a revision whenever one is published, so anything that must only
move forward (calendar sequence, action point status, what was e-mailed) is kept here instead.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from iswg_portal.accounts.roles import is_co_chair, is_member
from iswg_portal.core.time import local_today
from meetings.access import led_group_keys, runs_meetings


class ActionPointQuerySet(models.QuerySet):
    """Filters the tracker and the meeting pages use."""

    def open(self):
        """Action points nobody has closed yet."""
        return self.filter(status=ActionPoint.Status.OPEN)

    def overdue(self, today=None):
        """Open action points whose due date has passed (in Istanbul)."""
        today = today or local_today()
        return self.open().filter(due_date__lt=today)

    def public(self):
        """Action points anyone may see: raised at a published public meeting that no view
        restriction hides. One raised in members-only minutes stays members-only everywhere."""
        # meetings.visibility imports these models: importing it at the top would be a cycle.
        from meetings.visibility import public_meetings

        return self.filter(raised_at__in=public_meetings().values("pk"))

    def visible_to(self, user):
        """Action points of published meetings; those of members-only meetings for members only."""
        if not is_member(user):
            return self.public()
        return self.filter(raised_at__live=True)

    def changeable_by(self, user):
        """Action points this person may edit, open or close: every group's for co-chairs,
        their own groups' for group leads, none for anybody else."""
        if not runs_meetings(user):
            return self.none()
        if is_co_chair(user):
            return self
        return self.filter(group__translation_key__in=led_group_keys(user))

    def for_group(self, group):
        """Action points of a group, whichever language version of its page is given."""
        return self.filter(group__translation_key=group.translation_key)


class ActionPoint(index.Indexed, models.Model):
    """Something an agency must do by a date, raised by a meeting and followed up until closed."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    group = models.ForeignKey(
        "meetings.ThematicGroupPage",
        on_delete=models.CASCADE,
        related_name="action_points",
        verbose_name=_("group"),
    )
    raised_at = models.ForeignKey(
        "meetings.MeetingPage",
        on_delete=models.CASCADE,
        related_name="raised_action_points",
        verbose_name=_("raised at meeting"),
    )
    closed_at = models.ForeignKey(
        "meetings.MeetingPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="closed_action_points",
        verbose_name=_("closed at meeting"),
    )
    source_block_id = models.CharField(
        _("outcome in the minutes"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )
    text = models.TextField(_("action"))
    responsible_agency = models.ForeignKey(
        "services_map.AgencyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_points",
        verbose_name=_("responsible agency"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("status changed by"),
    )
    status_changed_at = models.DateTimeField(
        _("status changed at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    agency_notified = models.ForeignKey(
        "services_map.AgencyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("agency told of the assignment"),
    )

    objects = ActionPointQuerySet.as_manager()

    search_fields = [index.SearchField("text"), index.FilterField("status")]

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["due_date", "pk"]

    def __str__(self):
        agency = (
            self.responsible_agency.acronym or self.responsible_agency.title
            if (self.responsible_agency_id)
            else ""
        )
        text = self.text if len(self.text) <= 80 else f"{self.text[:77]}…"
        return f"{agency}: {text}" if agency else text

    def save(self, *args, **kwargs):
        """Stamp the time of a status change made through a form (the admin's edit view)."""
        loaded = getattr(self, "_loaded_status", None)
        self.status_changed_now = loaded is not None and loaded != self.status
        if self.status_changed_now and not getattr(self, "_stamped", False):
            self.status_changed_at = timezone.now()
            self.status_changed_by = None
            if self.status == self.Status.OPEN:
                self.closed_at = None
        self._stamped = False
        super().save(*args, **kwargs)
        self._loaded_status = self.status

    @classmethod
    def from_db(cls, db, field_names, values):
        """Remember the status as loaded, so a save can tell that someone changed it."""
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.status
        return instance

    def set_status(self, status, user=None, meeting=None):
        """Open, close or drop this action point, remembering who did it, when and where."""
        if status == self.status:
            return False
        self.status = status
        self.status_changed_by = user if user is not None and user.is_authenticated else None
        self.status_changed_at = timezone.now()
        self.closed_at = meeting if status != self.Status.OPEN else None
        self._stamped = True
        self.save()
        return True

    def is_overdue(self, today=None):
        """True when still open after its due date."""
        today = today or local_today()
        return (
            self.status == self.Status.OPEN and self.due_date is not None and self.due_date < today
        )


class ActionPointNote(models.Model):
    """A dated note on an action point's progress, written by a co-chair or a group lead."""

    action_point = models.ForeignKey(
        ActionPoint,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("action point"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("progress note"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:77]}…"


class MinutesAdoption(models.Model):
    """A meeting adopted the minutes of an earlier one; until then those minutes are a draft."""

    meeting_key = models.UUIDField(
        _("meeting whose minutes were adopted"), unique=True, help_text=_("translation key")
    )
    adopted_at = models.ForeignKey(
        "meetings.MeetingPage",
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("adopted at meeting"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("adoption of minutes")
        verbose_name_plural = _("adoptions of minutes")

    def __str__(self):
        return f"{self.meeting_key} adopted at {self.adopted_at_id}"


def new_event_uid():
    """A calendar UID made once, unrelated to the page's slug, URL or revisions."""
    return f"{uuid.uuid4()}@iswg-portal"


class CalendarEntry(models.Model):
    """A meeting's identity in calendars: its UID and a SEQUENCE that only ever grows.

    Shared by every language version of the meeting (same translation key, one event).
    """

    meeting_key = models.UUIDField(_("meeting"), unique=True, help_text=_("translation key"))
    uid = models.CharField(_("UID"), max_length=100, unique=True, default=new_event_uid)
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    location = models.CharField(_("location"), max_length=600, blank=True)
    status = models.CharField(_("status"), max_length=20)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_modified = models.DateTimeField(_("last modified"), default=timezone.now)
    # Kept for a meeting taken off the site, so that feeds still tell it is cancelled.
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=600, blank=True)
    group_key = models.UUIDField(_("group"), null=True, blank=True)
    audience = models.CharField(_("feeds"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("calendar entry")
        verbose_name_plural = _("calendar entries")

    def __str__(self):
        return f"{self.uid} #{self.sequence}"


class MeetingNotification(models.Model):
    """One e-mail sent (or deliberately not sent) to a group's members about a meeting.

    The unique key is what makes each publication e-mailed once, even if two publications race.
    An agenda or minutes corrected after they were sent are sent again, marked updated, under
    the next sequence number of their kind; `digest` is what tells a correction from a mere
    republication.
    """

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda published")
        MINUTES = "minutes", _("Minutes published")
        UPDATE = "update", _("Meeting changed")
        REINSTATED = "reinstated", _("Meeting back on")
        WITHDRAWN = "withdrawn", _("Meeting taken off the site")

    meeting_key = models.UUIDField(_("meeting"), help_text=_("translation key"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    suppressed = models.BooleanField(
        _("not e-mailed"),
        default=False,
        help_text=_("Recorded without e-mail, e.g. when loading past meetings."),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    updated = models.BooleanField(
        _("updated"), default=False, help_text=_("Sent again because the text was corrected.")
    )
    digest = models.CharField(_("content digest"), max_length=64, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("meeting e-mail")
        verbose_name_plural = _("meeting e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting_key", "kind", "sequence"], name="one_email_per_publication"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.meeting_key} #{self.sequence}"


class MeetingEmail(models.Model):
    """One message of a meeting e-mail to one address, and what became of it: queued, being
    tried again while the mail server is unreachable, delivered, or failed for good."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RETRYING = "retrying", _("Trying again")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(
        MeetingNotification,
        on_delete=models.CASCADE,
        related_name="emails",
        verbose_name=_("meeting e-mail"),
    )
    address = models.EmailField(_("address"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    message_id = models.CharField(_("message ID"), max_length=255, unique=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.CharField(_("error"), max_length=300, blank=True)
    changed_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        verbose_name = _("meeting e-mail message")
        verbose_name_plural = _("meeting e-mail messages")
        ordering = ["address"]

    def __str__(self):
        return f"{self.address} ({self.state})"


class MeetingResponse(models.Model):
    """A member's answer to "will you come?" for an upcoming meeting, whichever language
    version they answered on; counted per agency (the agency they work for when answering)."""

    class Answer(models.TextChoices):
        YES = "yes", _("I will come")
        MAYBE = "maybe", _("Maybe")
        NO = "no", _("I will not come")

    meeting_key = models.UUIDField(_("meeting"), help_text=_("translation key"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meeting_responses",
        verbose_name=_("account"),
    )
    agency_key = models.UUIDField(_("agency"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=5, choices=Answer.choices)
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        verbose_name = _("answer to a meeting")
        verbose_name_plural = _("answers to meetings")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting_key", "user"], name="one_answer_per_person_and_meeting"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.answer} {self.meeting_key}"


class GroupSubscription(models.Model):
    """A member who asked to receive a group's agendas, minutes and changes by e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_subscriptions",
        verbose_name=_("account"),
    )
    group = models.ForeignKey(
        "meetings.ThematicGroupPage",
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("group"),
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("group subscription")
        verbose_name_plural = _("group subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="one_subscription_per_group")
        ]

    def __str__(self):
        return f"{self.user} → {self.group}"


def new_feed_token():
    """A secret long enough that a personal feed URL cannot be guessed."""
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a member's personal calendar feed URL; deleting it revokes the URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
        verbose_name=_("account"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("personal calendar feed")
        verbose_name_plural = _("personal calendar feeds")

    def __str__(self):
        return str(self.user)


class ActionPointReminder(models.Model):
    """A digest of overdue and soon-due action points e-mailed to an agency's focal points."""

    agency = models.ForeignKey(
        "services_map.AgencyPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agency"),
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    action_point_count = models.PositiveIntegerField(_("action points"))
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("action point reminder")
        verbose_name_plural = _("action point reminders")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.agency} {self.sent_at:%Y-%m-%d}"
