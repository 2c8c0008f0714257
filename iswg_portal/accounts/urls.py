"""Account pages of the portal, beside allauth's under /<lang>/accounts/."""

from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="accounts_profile"),
    path("request-access/", views.request_access, name="accounts_request_access"),
    path("request-access/sent/", views.request_access_sent, name="accounts_request_access_sent"),
    path("invitation/<str:token>/", views.invitation, name="accounts_invitation"),
]
