"""E-mail from the accounts app, each written in its recipient's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def send_account_mail(template_name, recipient, language, context):
    """Render templates/emails/accounts/<name>_{subject,message}.txt in `language`; send it."""
    with translation.override(language):
        subject = render_to_string(f"emails/accounts/{template_name}_subject.txt", context)
        body = render_to_string(f"emails/accounts/{template_name}_message.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    send_mail(subject, body, None, [recipient])


def absolute_url(path, request=None):
    """A link for an e-mail: on the host the request came to, else on SITE_URL."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path
