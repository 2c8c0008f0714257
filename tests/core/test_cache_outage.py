"""With Redis down the site keeps answering from the database: public pages, the directory
search, sign-in and problem reports work, and the health check names the cache."""

import pytest

from iswg_portal.core.cross_site import public_form_token
from iswg_portal.settings.base import redis_cache
from services_map.models import ProblemReport
from services_map.public.reports import form_purpose
from tests.factories import UserFactory
from tests.factories import services_map as build
from tests.factories.accounts import PASSWORD

# Nothing listens on port 1: every connection is refused, as when Redis has stopped.
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    """The production cache settings for a Redis server that has stopped."""
    settings.CACHES = {"default": redis_cache(UNREACHABLE_REDIS)}


@pytest.fixture
def listed_service(home_page):
    directory = build.directory_page()
    return build.service(build.agency(directory), "Legal counselling for families")


def test_home_page_answers_while_redis_is_down(client, home_page, redis_down):
    assert client.get("/en/").status_code == 200


def test_directory_search_finds_services_while_redis_is_down(client, listed_service, redis_down):
    response = client.get("/en/services/", {"q": "legal"})
    assert response.status_code == 200
    assert "Legal counselling for families" in response.content.decode()


def test_sign_in_page_answers_while_redis_is_down(client, home_page, redis_down):
    assert client.get("/en/accounts/login/").status_code == 200


def test_sign_in_succeeds_while_redis_is_down(client, home_page, redis_down):
    user = UserFactory(email="focal.point@asam.example")
    response = client.post(
        "/en/accounts/login/", {"login": "focal.point@asam.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/en/").status_code == 200


def test_wrong_password_is_answered_as_wrong_while_redis_is_down(client, home_page, redis_down):
    UserFactory(email="focal.point@asam.example")
    response = client.post(
        "/en/accounts/login/", {"login": "focal.point@asam.example", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_problem_report_is_stored_while_redis_is_down(client, listed_service, redis_down):
    response = client.post(
        f"/en/services/report/{listed_service.pk}/",
        {
            "kind": "closed",
            "details": "The office has moved.",
            "form_token": public_form_token(form_purpose(listed_service)),
        },
    )
    assert response.status_code == 302
    assert ProblemReport.objects.filter(service=listed_service).count() == 1


@pytest.mark.django_db
def test_health_check_names_the_cache_while_redis_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "down", "status": "degraded: cache"}
