"""The directory in the Wagtail admin: snippet screens, the problem reports' permission policy,
the 'confirm still correct' action (registered from wagtail_hooks.py) and the moderation
workflow that co-chairs approve listings through.

Wagtail imports admin/approval.py while it defines its own models: this package imports nothing."""
