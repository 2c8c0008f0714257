"""Language-prefixed URLs of the meetings part (included inside i18n_patterns)."""

from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("meetings/action-points/", views.action_point_tracker, name="action_points"),
    path("meetings/action-points/export.csv", views.action_point_csv, name="action_points_csv"),
    path(
        "meetings/action-points/<id:pk>/status/",
        views.change_action_point_status,
        name="action_point_status",
    ),
    path(
        "meetings/action-points/<id:pk>/notes/",
        views.add_action_point_note,
        name="action_point_note",
    ),
    path("meetings/search/", views.record_search, name="record_search"),
    path("meetings/contacts/", views.contact_directory, name="contacts"),
    path("meetings/contacts/export.csv", views.contacts_csv, name="contacts_csv"),
    path("meetings/contacts/export.vcf", views.contacts_vcard, name="contacts_vcard"),
    path("meetings/<id:pk>/record.pdf", views.meeting_pdf, name="meeting_pdf"),
    path("meetings/<id:pk>/answer/", views.answer_meeting, name="answer_meeting"),
    path("meetings/calendar-feed/", views.personal_feed_settings, name="personal_feed_settings"),
    path("meetings/groups/<id:group_id>/follow/", views.follow_group, name="follow_group"),
]
