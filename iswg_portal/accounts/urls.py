"""Account pages of the portal, beside allauth's under /<lang>/accounts/."""

from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="accounts_profile"),
    path("request-access/", views.request_access, name="accounts_request_access"),
    path("request-access/sent/", views.request_access_sent, name="accounts_request_access_sent"),
    path("invitation/<str:token>/", views.invitation, name="accounts_invitation"),
    # Before allauth's own URLs (iswg_portal/urls.py includes these first): these addresses
    # are allauth's activation of an authenticator app, opened only once the mailbox is
    # proven, and its page of recovery codes, both as steps of the portal's set-up.
    path("2fa/totp/activate/", views.activate_totp, name="accounts_activate_totp"),
    path("2fa/recovery-codes/", views.view_recovery_codes, name="accounts_recovery_codes"),
    path("2fa/confirm-email/", views.confirm_mailbox, name="accounts_confirm_mailbox"),
]
