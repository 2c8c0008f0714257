"""Names of provinces and districts in the other scripts: loaded from the reference file by the
seeders and the data migration, kept where a co-chair changed them, edited in the admin."""

import io

import pytest
from bs4 import BeautifulSoup

from services_map.models import District, Province
from services_map.reference_data import fill_place_names, seed_places
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(module_data):
    """The ten provinces and their districts as the seeder loads them, once for the module."""
    seed_places(io.StringIO())


def test_seeding_gives_every_place_its_arabic_and_persian_names(seeded):
    assert not Province.objects.filter(name_ar="").exists()
    assert not District.objects.filter(name_ar="").exists()
    assert not District.objects.filter(name_fa="").exists()
    izmir = Province.objects.get(slug="izmir")
    assert (izmir.name_ar, izmir.name_in("fa"), izmir.name_in("ps")) == ("إزمير", "ازمیر", "ازمیر")
    buca = District.objects.get(province=izmir, slug="buca")
    assert buca.name_in("ar") == "بوجا"
    assert "Buja" in buca.other_name_list()


def test_places_loaded_before_their_names_get_them_from_the_reference_file(seeded):
    Province.objects.update(name_ar="", name_fa="", name_ps="", other_names="")
    District.objects.update(name_ar="", name_fa="", name_ps="", other_names="")
    changed = fill_place_names(Province, District)
    assert changed == Province.objects.count() + District.objects.count()
    assert Province.objects.get(slug="manisa").name_ar == "مانيسا"
    assert District.objects.get(slug="karabaglar").name_ar == "قره باغلار"


def test_seeding_again_keeps_a_name_a_co_chair_wrote(seeded):
    Province.objects.filter(slug="aydin").update(name_ar="آيدن")
    seed_places(io.StringIO())
    assert Province.objects.get(slug="aydin").name_ar == "آيدن"


def test_a_blank_persian_name_reads_the_arabic_one_and_kurmanji_the_turkish_one():
    place = Province(name="Denizli", name_ar="دنيزلي")
    assert place.name_in("fa") == "دنيزلي"
    assert place.name_in("ps") == "دنيزلي"
    assert place.name_in("kmr") == "Denizli"
    assert place.name_in("en") == "Denizli"


@pytest.fixture
def co_chair_client(client):
    client.force_login(UserFactory(role="Co-chairs"))
    return client


def test_co_chair_edits_a_province_s_arabic_name_in_the_admin(co_chair_client, directory):
    izmir = build.province("izmir")
    url = f"/admin/snippets/services_map/province/edit/{izmir.pk}/"
    form = BeautifulSoup(co_chair_client.get(url).content, "html.parser")
    assert form.select_one('input[name="name_ar"]')["value"] == "إزمير"
    response = co_chair_client.post(
        url,
        {
            "name": izmir.name,
            "slug": izmir.slug,
            "plate": izmir.plate,
            "latitude": izmir.latitude,
            "longitude": izmir.longitude,
            "coastal": "on",
            "name_ar": "أزمير",
            "name_fa": izmir.name_fa,
            "name_ps": izmir.name_ps,
            "other_names": "ايزمير\nEzmir\nIzmer",
        },
    )
    assert response.status_code == 302
    html = co_chair_client.get("/ar/services/").content.decode()
    assert "أزمير (İzmir)" in html


def test_co_chair_edits_a_district_s_other_spellings_and_the_search_finds_it(
    co_chair_client, directory
):
    buca = build.district("izmir", "Buca")
    build.service(build.agency(directory), "Legal counselling", place=("izmir", "Buca"))
    url = f"/admin/snippets/services_map/district/edit/{buca.pk}/"
    response = co_chair_client.post(
        url,
        {
            "province": buca.province_id,
            "name": buca.name,
            "slug": buca.slug,
            "name_ar": buca.name_ar,
            "name_fa": buca.name_fa,
            "name_ps": "",
            "other_names": "Buja\nبوجه",
        },
    )
    assert response.status_code == 302
    html = co_chair_client.get("/ar/services/", {"q": "بوجه"}).content.decode()
    assert "Legal counselling" in html
