"""Directory URLs that are not Wagtail pages; included inside the language prefix before
Wagtail's catch-all."""

from django.urls import path

from .public import print_sheet, reports

app_name = "services_map"

urlpatterns = [
    path("services/print/", print_sheet.print_sheet, name="print_sheet"),
    path("services/print/page.css", print_sheet.print_page_style, name="print_page_style"),
    path("services/report/<id:service_id>/", reports.report_problem, name="report_problem"),
]
