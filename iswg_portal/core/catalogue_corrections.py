"""Messages of Wagtail's own that its catalogue gets wrong, marked here so that the portal's
catalogue, which Django reads before Wagtail's (LOCALE_PATHS), carries the right translation.
Nothing calls them: Wagtail does, with these exact messages."""

from django.utils.translation import gettext_noop

WAGTAIL_MESSAGES = [
    # The button that sends a page to the directory's workflow. Wagtail 8.0's Turkish reads
    # "Gönderildi …" ("Submitted …") before anything is submitted.
    gettext_noop("Submit to %(workflow_name)s"),
    # The same after changes were requested: Wagtail's Turkish reads "Tekrar gönderildi …".
    gettext_noop("Resubmit to %(task_name)s"),
]
