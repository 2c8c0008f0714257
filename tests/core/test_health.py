"""The health check that load balancers poll."""

from unittest import mock

import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_healthz_is_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "status": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_naming_the_database_when_it_is_down(client):
    with mock.patch("iswg_portal.core.views.connection.cursor", side_effect=DatabaseError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["status"] == "down: database"


@pytest.mark.django_db
def test_healthz_stays_200_naming_the_cache_when_only_the_cache_is_down(client):
    """Pages still work without the cache, so the load balancer must keep the server."""
    with mock.patch("iswg_portal.core.views.cache.set", side_effect=ConnectionError("refused")):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["cache"] == "down"
    assert response.json()["status"] == "degraded: cache"
