"""Calendar feed URLs, the same in every language: /meetings/feed.ics and friends."""

from django.urls import path

from meetings import views

app_name = "meetings_feeds"

urlpatterns = [
    path("meetings/feed.ics", views.all_meetings_feed, name="all"),
    path("meetings/feed/personal/<str:token>.ics", views.personal_feed, name="personal"),
    # Wagtail allows Unicode slugs (koruma-çalışma-grubu), which the slug converter refuses.
    path("meetings/feed/<str:group_slug>.ics", views.group_feed, name="group"),
    path("meetings/<id:page_id>.ics", views.meeting_ics, name="meeting"),
]
