"""The HSDS API at /api/hsds/, outside the language prefixes: paths without a trailing slash,
as the HSDS API reference writes them."""

from django.urls import path

from . import views

app_name = "hsds"

urlpatterns = [
    path("", views.api_root, name="root"),
    path("services", views.service_list, name="services"),
    path("services/<str:service_id>", views.service_detail, name="service"),
    path("organizations", views.organization_list, name="organizations"),
    path("organizations/<str:organization_id>", views.organization_detail, name="organization"),
    path("taxonomies", views.taxonomy_list, name="taxonomies"),
    path("taxonomies/<str:taxonomy_id>", views.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_term_list, name="taxonomy_terms"),
    path("taxonomy_terms/<str:term_id>", views.taxonomy_term_detail, name="taxonomy_term"),
    path("service_at_locations", views.service_at_location_list, name="service_at_locations"),
    path(
        "service_at_locations/<str:service_at_location_id_>",
        views.service_at_location_detail,
        name="service_at_location",
    ),
    path("export.json", views.export_json, name="export_json"),
    path("export.zip", views.export_zip, name="export_zip"),
    path("3w.csv", views.three_w, name="three_w"),
    path("3w.xlsx", views.three_w_xlsx, name="three_w_xlsx"),
    path("3w-schema.csv", views.three_w_schema, name="three_w_schema"),
    path("openapi.json", views.openapi, name="openapi"),
    path("schema/<path:name>", views.schema_file, name="schema"),
    path("profile/", views.profile, name="profile"),
    path("profile/<str:name>", views.profile_file, name="profile_file"),
    path("<path:rest>", views.not_found),
]
