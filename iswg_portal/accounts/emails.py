"""E-mail from the accounts app, each written in its recipient's language."""

from django.conf import settings

from iswg_portal.core.mail import send_templated_email


def send_account_mail(template_name, recipient, language, context):
    """Render templates/emails/accounts/<name>_{subject,message}.txt in `language`; queue it."""
    send_templated_email(
        to=recipient,
        language=language,
        context=context,
        subject_template=f"emails/accounts/{template_name}_subject.txt",
        text_template=f"emails/accounts/{template_name}_message.txt",
        subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
    )


def absolute_url(path, request=None):
    """A link for an e-mail: on the host the request came to, else on SITE_URL."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL + path
