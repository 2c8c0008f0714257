"""The URLs an API answer is judged by on its way out: only the API's own, without the
language-prefixed patterns, so that Django's LocaleMiddleware leaves an API 404 a JSON 404
instead of redirecting it to /en/api/hsds/... (where Wagtail's catch-all would take it)."""

from django.urls import include, path

urlpatterns = [path("api/hsds/", include("services_map.hsds.urls"))]
