"""Admin forms for the portal's own image and document models."""

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm


class PortalImageForm(BaseImageForm):
    """The admin's image form (single upload, multiple upload, chooser upload and edit), which
    will not save an image without alt text: the `description` Wagtail uses as the image's alt.

    Required here rather than on the model, so images made in code and images already in the
    library stay valid until someone edits them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        alt_text = self.fields.get("description")
        if alt_text is not None:
            alt_text.required = True
            alt_text.label = _("Alt text")
            alt_text.help_text = _(
                "Describe the image for someone who cannot see it: what it shows that matters here."
            )
            alt_text.error_messages["required"] = _(
                "Add alt text: describe the image for someone who cannot see it."
            )
