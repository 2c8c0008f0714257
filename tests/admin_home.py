"""Reading the admin home as a person sees it, for the tests of each role's desk."""

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext


def dashboard(client, person):
    """The admin home of this person, parsed."""
    client.force_login(person)
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def words(element):
    """An element's text as a person reads it, spaces folded."""
    return " ".join(element.get_text(" ").split())


def queries_for_dashboard(client, person):
    """How many database queries the person's admin home takes."""
    client.force_login(person)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


def follow_add_button(client, desk, parent):
    """Follow a desk's "Add …" button to the form it opens; return the form's address."""
    add = desk.find("a", href=f"/admin/pages/{parent.pk}/add_subpage/")
    assert add is not None, "no add button"
    response = client.get(add["href"])
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    return response.url
