"""Everything the directory adds to Wagtail, registered in this one module that Wagtail loads:
its snippets and their permission policy, problem reports' history, the 'confirm still correct'
action, the co-chairs' report of searches without results, an agency editor's desk on the admin
home and the directory's part of the co-chairs' overview, the checks made before a service page
is served, the history and comparison of the facts translations share, and the service-mapping
spreadsheet's download and import."""

from wagtail import hooks
from wagtail.admin.compare import register_comparison_class
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin.confirm_listing import (
    confirm_listing_header_button,
    confirm_listing_more_button,
    register_confirm_listing_log_action,
    register_confirm_listing_url,
)
from .admin.dashboard import add_agency_counts, add_agency_panels
from .admin.overview import (
    add_directory_counts,
    add_directory_overview,
    register_overview_urls,
)
from .admin.permissions import ProblemReportPermissionPolicy
from .admin.problem_reports import ProblemReportViewSet
from .admin.search_misses import register_search_miss_report_urls, search_miss_report_menu_item
from .admin.snippets import DirectoryTaxonomyViewSetGroup, PlacesViewSetGroup
from .fields import MultipleChoiceField
from .hsds.importing.admin_views import import_menu_item, register_import_urls
from .hsds.importing.applying import register_import_log_action
from .models import ProblemReport
from .models.panels import MultipleChoiceComparison
from .problem_reports import register_problem_report_log_actions
from .public.serving import hide_unlisted_services, set_service_cache_policy
from .shared_facts import register_facts_shared_log_action

register_permission_policy(ProblemReport, ProblemReportPermissionPolicy(ProblemReport))
register_snippet(PlacesViewSetGroup)
register_snippet(DirectoryTaxonomyViewSetGroup)
register_snippet(ProblemReportViewSet)

hooks.register("register_admin_urls", register_confirm_listing_url)
hooks.register("register_page_header_buttons", confirm_listing_header_button)
hooks.register("register_page_listing_more_buttons", confirm_listing_more_button)
hooks.register("register_log_actions", register_confirm_listing_log_action)
hooks.register("register_log_actions", register_problem_report_log_actions)
hooks.register("register_log_actions", register_facts_shared_log_action)
register_comparison_class(MultipleChoiceField, comparison_class=MultipleChoiceComparison)

hooks.register("before_serve_page", hide_unlisted_services)
hooks.register("before_serve_page", set_service_cache_policy)

hooks.register("register_admin_urls", register_search_miss_report_urls)
hooks.register("register_reports_menu_item", search_miss_report_menu_item)

hooks.register("register_admin_urls", register_import_urls)
hooks.register("register_admin_menu_item", import_menu_item)
hooks.register("register_log_actions", register_import_log_action)

hooks.register("construct_homepage_panels", add_agency_panels)
# After Wagtail's own counts are added (order 0), so that they can be replaced.
hooks.register("construct_homepage_summary_items", add_agency_counts, order=1)

hooks.register("register_admin_urls", register_overview_urls)
hooks.register("construct_homepage_panels", add_directory_overview)
hooks.register("construct_homepage_summary_items", add_directory_counts, order=1)
