"""The directory in the Wagtail admin: snippet screens, the problem reports' permission policy
and the 'confirm still correct' action; wagtail_hooks.py registers them."""
