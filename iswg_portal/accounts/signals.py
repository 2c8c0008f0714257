"""Account changes that must leave a trace and take effect at once: roles and deactivation."""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from wagtail.log_actions import log
from wagtail.users.models import UserProfile

from . import audit
from .models import User
from .sessions import end_sessions_of


@receiver(pre_save, sender=User)
def remember_whether_account_was_active(sender, instance, raw=False, **kwargs):
    """Note the stored `is_active` so post_save can tell a deactivation from any other save."""
    if raw or instance.pk is None:
        instance._was_active = None
        return
    instance._was_active = (
        User.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    )


@receiver(post_save, sender=User)
def end_access_of_deactivated_account(sender, instance, created, raw=False, **kwargs):
    """A deactivated account loses its sessions on every server and the change is logged."""
    was_active = getattr(instance, "_was_active", None)
    if raw or created or was_active is None or was_active == instance.is_active:
        return
    if not instance.is_active:
        ended = end_sessions_of(instance)
        log(instance, audit.DEACTIVATED, data={"sessions_ended": ended})
    else:
        log(instance, audit.REACTIVATED)


@receiver(post_save, sender=User)
def use_the_preferred_language_in_wagtail_too(sender, instance, raw=False, **kwargs):
    """Wagtail writes its own e-mail (moderation, comments) in its profile's language: keep
    that the same as the portal's, so every e-mail reaches the person in one language."""
    if raw:
        return
    profile = UserProfile.get_for_user(instance)
    if profile.preferred_language != instance.preferred_language:
        profile.preferred_language = instance.preferred_language
        profile.save(update_fields=["preferred_language"])


@receiver(m2m_changed, sender=User.groups.through)
def log_role_change(sender, instance, action, reverse, pk_set, **kwargs):
    """Every group an account gains or loses is written to the audit log, whoever did it."""
    if action == "pre_clear":
        # The cleared groups are gone by post_clear, so they are named before.
        if reverse:
            instance._cleared_users = list(instance.user_set.all())
        else:
            instance._cleared_groups = [group.name for group in instance.groups.all()]
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    key = "added" if action == "post_add" else "removed"
    if reverse:
        # group.user_set.add(...): the same change seen from the group's side.
        users = (
            instance.__dict__.pop("_cleared_users", [])
            if action == "post_clear"
            else list(User.objects.filter(pk__in=pk_set or []))
        )
        for user in users:
            log(user, audit.ROLES_CHANGED, data={key: [instance.name]})
        return
    if action == "post_clear":
        names = instance.__dict__.pop("_cleared_groups", [])
    else:
        names = list(
            Group.objects.filter(pk__in=pk_set or [])
            .order_by("name")
            .values_list("name", flat=True)
        )
    if names:
        log(instance, audit.ROLES_CHANGED, data={key: names})
