"""Rich text as people read it, for the admin's comparison of two versions of a page.

The admin's editor (Draftail) gives every paragraph and list item a `data-block-key` the first
time it saves a text written elsewhere (the demo, an import, a test's factory): the stored HTML
then differs while the words do not, and Wagtail's comparison showed such a field as changed by
somebody. Rich text is compared here without those keys, and an empty paragraph counts as
empty."""

import re

from wagtail.admin.compare import RichTextFieldComparison

BLOCK_KEY = re.compile(r"""\sdata-block-key=(?:"[^"]*"|'[^']*'|[^\s>]+)""")
EMPTY_PARAGRAPHS = re.compile(r"^(?:\s*<p>\s*(?:<br\s*/?>)?\s*</p>)*\s*$")


def canonical_rich_text(html):
    """The HTML of a rich text without the editor's block keys; "" for no paragraph with
    anything in it."""
    html = BLOCK_KEY.sub("", html or "")
    return "" if EMPTY_PARAGRAPHS.match(html) else html.strip()


class RichTextComparison(RichTextFieldComparison):
    """Wagtail's rich text comparison, blind to the editor's block keys."""

    def has_changed(self):
        return canonical_rich_text(str(self.val_a or "")) != canonical_rich_text(
            str(self.val_b or "")
        )
