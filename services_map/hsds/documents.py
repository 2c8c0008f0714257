"""The documents the API serves beside its data: Open Referral's schema files (copied unmodified
into schema/, with their licence) with the ISWG profile's patches (profile/) applied, and the
official OpenAPI document filled in for this site, its `$ref`s pointing at the schema files the
site serves so that it resolves without reaching another host."""

import copy
import json
from functools import cache
from pathlib import Path

from django.conf import settings

HERE = Path(__file__).resolve().parent
SCHEMA_DIR = HERE / "schema"
PROFILE_DIR = HERE / "profile"
# Where the official document points its schemas; replaced by the site's own copies.
UPSTREAM_SCHEMA_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
# The official document refers to compiled files it does not ship in v3.0 (left out of our copy
# for their size, see schema/README.md): each per-object schema says the same with `$ref`s.
# The service_at_location detail's schema is a known slip upstream (it names the service
# schema; fixed in openreferral/specification#574).
REF_REPLACEMENTS = {
    "compiled/service.json": "service.json",
    "compiled/organization.json": "organization.json",
}
SERVICE_AT_LOCATION_PATH = "/service_at_locations/{id}"


def merge_patch(target, patch):
    """JSON Merge Patch (RFC 7386) of `patch` onto `target`, as a new document."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def schema_file_names():
    """The files served under /api/hsds/schema/, by their path there."""
    return {
        path.relative_to(SCHEMA_DIR).as_posix()
        for path in SCHEMA_DIR.rglob("*")
        if path.is_file() and path.suffix in {".json", ".md", ""}
    }


def profile_file_names():
    """The profile's patch files, served under /api/hsds/profile/."""
    return {path.name for path in PROFILE_DIR.glob("*.json")}


@cache
def official(name):
    """An official schema file as parsed JSON."""
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@cache
def profile_patch(name):
    """The profile's patch of an HSDS file, or None when the profile leaves it as it is."""
    path = PROFILE_DIR / name
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def profiled_schema(name):
    """An HSDS schema file with the profile's patch applied."""
    patch = profile_patch(name)
    document = official(name)
    return merge_patch(document, patch) if patch else document


def openapi_document(api_url, schema_url, profile_url):
    """The official OpenAPI document, profile applied, for this site: `info` filled in, its
    server, and every schema `$ref` pointing below `schema_url`."""
    document = profiled_schema("openapi.json")
    document["info"] = {
        "title": "ISWG İzmir service directory",
        "version": "3.0-iswg.1",
        "summary": "Services for refugees in the Aegean region of Türkiye, in Open Referral HSDS.",
        "description": (
            f"Conforms to HSDS 3.0 with the ISWG İzmir profile {profile_url}. The data: "
            f"{settings.HSDS_DATA_LICENSE}; the HSDS schemas: CC BY-SA 4.0, Human Services Data "
            "Specification: an Open Referral resource (https://openreferral.org/)."
        ),
        "contact": {"name": "ISWG Portal", "url": settings.SITE_URL + "/"},
        "license": {
            "name": settings.HSDS_DATA_LICENSE,
            "url": settings.HSDS_DATA_LICENSE_URL,
        },
    }
    document["servers"] = [{"url": api_url.rstrip("/")}]
    detail = document["paths"][SERVICE_AT_LOCATION_PATH]["get"]["responses"]["200"]
    detail["content"]["application/json"]["schema"] = {"$ref": "service_at_location.json"}
    return point_refs(document, schema_url)


def point_refs(node, schema_url):
    """The document with every schema `$ref` (upstream or relative) under `schema_url`; refs
    inside the document (#/...) stay."""
    if isinstance(node, dict):
        result = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and not value.startswith("#"):
                name = value.removeprefix(UPSTREAM_SCHEMA_BASE)
                result[key] = schema_url + REF_REPLACEMENTS.get(name, name)
            else:
                result[key] = point_refs(value, schema_url)
        return result
    if isinstance(node, list):
        return [point_refs(item, schema_url) for item in node]
    return node
