"""Wagtail's page and snippet choosers, with their button texts in the language of each request.

Wagtail writes a chooser's texts ("Choose province", "Choose a page (Agency)") when the widget
is made, and makes the forms of the admin's snippet and model views once, with the admin's URLs:
every later request showed the texts in the language of that first one, English in the Turkish
admin. These choosers write the same texts, with Wagtail's own messages and catalogue, each time
they are shown."""

from django.db import models
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import AbstractPage, Page
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.widgets import AdminSnippetChooser

# Wagtail's messages, translated by Wagtail's catalogue: named here, not the portal's to translate.
CHOOSE_ONE = "Choose %(object)s"
CHOOSE_ANOTHER = "Choose another %(object)s"
EDIT_THIS = "Edit this %(object)s"
CHOOSE_A_PAGE = "Choose a page"


def _choose_text(message, model):
    return gettext(message) % {"object": model._meta.verbose_name}


def _choose_page_text(model):
    return f"{gettext(CHOOSE_A_PAGE)} ({capfirst(model._meta.verbose_name)})"


choose_text = lazy(_choose_text, str)
choose_page_text = lazy(_choose_page_text, str)


class SnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser, its texts read when shown."""

    def __init__(self, model=None, **kwargs):
        super().__init__(model=model, **kwargs)
        self.choose_one_text = choose_text(CHOOSE_ONE, self.model)
        self.choose_another_text = choose_text(CHOOSE_ANOTHER, self.model)
        self.link_to_chosen_text = choose_text(EDIT_THIS, self.model)


class SnippetChooserViewSetInRequestLanguage(SnippetChooserViewSet):
    """A snippet's chooser whose widget is a SnippetChooser (a SnippetViewSet's
    `chooser_viewset_class`)."""

    base_widget_class = SnippetChooser


class PageChooser(AdminPageChooser):
    """Wagtail's page chooser, the page type in its text read when shown."""

    def __init__(self, target_models=None, **kwargs):
        super().__init__(target_models=target_models, **kwargs)
        if len(self.target_models) == 1 and self.target_models[0] is not Page:
            self.choose_one_text = choose_page_text(self.target_models[0])


def use_page_choosers_in_request_language():
    """Every foreign key to a page gets a PageChooser, as Wagtail gives it its own."""
    register_form_field_override(
        models.ForeignKey,
        to=AbstractPage,
        override=lambda db_field: {
            "widget": PageChooser(target_models=[db_field.remote_field.model])
        },
    )
