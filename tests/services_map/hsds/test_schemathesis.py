"""A bounded schemathesis run of the API's own OpenAPI document (the official one with the
profile) against the site's WSGI application: generated requests for every operation, a fixed
seed and a few examples each, and no server error and no answer outside its schema."""

import contextlib
import posixpath

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import response_schema_conformance  # noqa: E402

pytestmark = [pytest.mark.django_db, pytest.mark.sweep]

SITE = "http://testserver"
SCHEMA_PREFIX = f"{SITE}/api/hsds/schema/"
EXAMPLES = 15


def component_name(path):
    return path.removesuffix(".json").replace("/", "_")


def bundled(client, document):
    """The served document with the schema files it refers to, fetched from the site, put in
    its components and referred to there: schemathesis then needs no network."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})

    def rewrite(node, base):
        if isinstance(node, dict):
            result = {}
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str) and not value.startswith("#"):
                    path = value.removeprefix(SCHEMA_PREFIX)
                    if path == value:
                        path = posixpath.normpath(posixpath.join(base, value))
                    load(path)
                    result[key] = f"#/components/schemas/{component_name(path)}"
                else:
                    result[key] = rewrite(value, base)
            return result
        if isinstance(node, list):
            return [rewrite(item, base) for item in node]
        return node

    def load(path):
        name = component_name(path)
        if name in schemas:
            return
        schemas[name] = {}
        fetched = client.get(f"/api/hsds/schema/{path}").json()
        schemas[name] = rewrite(fetched, posixpath.dirname(path))

    return rewrite(document, "")


@contextlib.contextmanager
def connection_kept_open():
    """As Django's test client does: requests through the WSGI handler must not close the test's
    database connection (and its transaction). The test client connects the signal again after
    each of its own requests, so this wraps only the run."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_generated_requests_find_no_server_error_and_no_schema_violation(client, hsds_directory):
    document = bundled(client, client.get("/api/hsds/openapi.json").json())
    schema = schemathesis.openapi.from_dict(document)
    schema.app = WSGIHandler()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 11
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            # The site gzips what it may; the WSGI transport would not unpack it.
            case.call_and_validate(
                headers={"Accept-Encoding": "identity"},
                checks=[not_a_server_error, response_schema_conformance],
            )

        with connection_kept_open():
            run()
