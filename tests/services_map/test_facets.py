"""Facet counts of the directory search against the hand-counted sample (see conftest)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Locale

from services_map.search import SearchParams, search_services
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample")]


@pytest.fixture
def sample(sample_for_module):
    """Every test of this module reads the same sample directory, built once."""
    return sample_for_module


def run(user=None, **params):
    return search_services(SearchParams(**params), user or AnonymousUser(), Locale.get_default())


def counts(results, facet):
    return {o.value: o.count for o in results.facets[facet].options if o.count}


def titles(results):
    return sorted(s.title for s in results.services)


def test_public_total_leaves_out_ended_and_internal_services(sample):
    assert run().total == 5


def test_member_total_includes_internal_services(sample):
    assert run(UserFactory(role="Members")).total == 6


def test_sector_counts_include_their_types(sample):
    assert counts(run(), "categories") == {
        "protection": 2,
        "legal-aid": 1,
        "health": 2,
        "psychosocial": 1,
        "education": 1,
    }


def test_province_counts(sample):
    assert counts(run(), "provinces") == {"izmir": 4, "mugla": 1}


def test_district_counts_hide_protection_sensitive_places_from_the_public(sample):
    buca = build.district("izmir", "Buca").pk
    konak = build.district("izmir", "Konak").pk
    bodrum = build.district("mugla", "Bodrum").pk
    results = run(provinces=("izmir", "mugla"))
    assert counts(results, "districts") == {str(buca): 2, str(konak): 1, str(bodrum): 1}


def test_districts_are_offered_once_a_province_is_chosen(sample):
    assert run().facets["districts"].options == []
    assert {o.label for o in run(provinces=("mugla",)).facets["districts"].options} == {"Bodrum"}


def test_district_counts_show_protection_sensitive_places_to_members(sample):
    karabaglar = build.district("izmir", "Karabağlar").pk
    results = run(UserFactory(role="Members"), provinces=("izmir",))
    assert counts(results, "districts")[str(karabaglar)] == 1


def test_language_counts(sample):
    assert counts(run(), "languages") == {"ar": 4, "tr": 2, "fa": 1, "en": 1}


def test_population_group_counts_include_the_services_for_everyone(sample):
    """Two services are for women at risk and one for children; the Turkish course and the
    health centre are for everyone, so they count under every group too."""
    assert counts(run(), "groups") == {"women-at-risk": 4, "children": 3, "all": 2}


def test_a_group_filter_lists_the_services_for_everyone(sample):
    assert titles(run(groups=("children",))) == [
        "Migrant Health Centre",
        "Psychosocial support",
        "Turkish course",
    ]


def test_a_group_filter_leaves_out_services_for_another_group(sample):
    assert "Psychosocial support" not in titles(run(groups=("women-at-risk",)))


def test_the_everyone_filter_lists_only_services_for_everyone(sample):
    assert titles(run(groups=("all",))) == ["Migrant Health Centre", "Turkish course"]


def test_a_service_with_no_group_is_for_everyone(sample):
    """The members-only referral line has no population group: members find it under every
    group, and it counts there."""
    results = run(UserFactory(role="Members"), groups=("children",))
    assert "Partner referral line" in titles(results)
    assert counts(results, "groups") == {"women-at-risk": 5, "children": 4, "all": 3}


def test_group_counts_follow_the_other_filters(sample):
    """In Education only the Turkish course, for everyone, remains: one for every group."""
    assert counts(run(categories=("education",)), "groups") == {
        "women-at-risk": 1,
        "children": 1,
        "all": 1,
    }


def test_boolean_counts(sample):
    results = run()
    assert results.facets["free"].options[0].count == 4
    assert results.facets["wheelchair"].options[0].count == 1


def test_language_filter_narrows_the_results(sample):
    results = run(languages=("ar",))
    assert titles(results) == [
        "Legal counselling",
        "Migrant Health Centre",
        "Psychosocial support",
        "Women's shelter",
    ]


def test_a_facets_own_selection_does_not_shrink_its_counts(sample):
    assert counts(run(languages=("ar",)), "languages") == {"ar": 4, "tr": 2, "fa": 1, "en": 1}


def test_other_facets_count_within_the_selection(sample):
    assert counts(run(languages=("ar",)), "provinces") == {"izmir": 3, "mugla": 1}


def test_two_languages_show_services_speaking_either(sample):
    assert run(languages=("fa", "en")).total == 2


def test_filters_of_different_facets_all_apply(sample):
    buca = build.district("izmir", "Buca").pk
    results = run(districts=(buca,), languages=("ar",), free=True, categories=("legal-aid",))
    assert titles(results) == ["Legal counselling"]


def test_sector_filter_finds_services_filed_under_its_types(sample):
    assert titles(run(categories=("health",))) == ["Migrant Health Centre", "Psychosocial support"]


def test_wheelchair_filter(sample):
    assert titles(run(wheelchair=True)) == ["Legal counselling"]


def test_province_filter_includes_protection_sensitive_services_without_their_place(sample):
    results = run(provinces=("izmir",))
    shelter = next(s for s in results.services if s.title == "Women's shelter")
    assert shelter.address_hidden and shelter.visible_locations == []


def test_district_filter_never_reveals_a_protection_sensitive_service_to_the_public(sample):
    karabaglar = build.district("izmir", "Karabağlar").pk
    assert run(districts=(karabaglar,)).total == 0


def test_open_now_filter_uses_istanbul_time(sample, asam):
    import datetime
    import zoneinfo

    build.service(asam, "Evening clinic", schedules=[(3, datetime.time(18), datetime.time(21))])
    # Wednesday 2026-11-25 19:30 in İstanbul is 16:30 UTC.
    moment = datetime.datetime(2026, 11, 25, 16, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    results = search_services(
        SearchParams(open_now=True), AnonymousUser(), Locale.get_default(), now=moment
    )
    assert titles(results) == ["Evening clinic"]


def test_cached_open_now_count_follows_the_clock(sample, asam):
    import datetime
    import zoneinfo

    build.service(asam, "Evening clinic", schedules=[(3, datetime.time(18), datetime.time(21))])
    istanbul = zoneinfo.ZoneInfo("Europe/Istanbul")

    def open_count(hour, minute):
        moment = datetime.datetime(2026, 11, 25, hour, minute, tzinfo=istanbul)
        results = search_services(SearchParams(), AnonymousUser(), Locale.get_default(), now=moment)
        return results.facets["open_now"].options[0].count

    # Each search is answered from the cache where it may be; the count still changes at the
    # very minute the clinic opens and closes.
    assert [open_count(*t) for t in [(17, 59), (18, 0), (18, 1), (20, 59), (21, 0)]] == [
        0,
        1,
        1,
        1,
        0,
    ]


def test_no_results_suggest_the_whole_province(sample):
    konak = build.district("izmir", "Konak").pk
    results = run(districts=(konak,), languages=("fa",))
    kinds = {(idea["kind"], idea["count"]) for idea in results.suggestions}
    assert ("province", 1) in kinds  # the Turkish course in Buca speaks Persian


def test_no_results_suggest_dropping_a_filter(sample):
    konak = build.district("izmir", "Konak").pk
    results = run(districts=(konak,), languages=("fa",))
    drops = {i["filter"]: i["count"] for i in results.suggestions if i["kind"] == "drop"}
    assert drops == {"districts": 1, "languages": 1}


def test_no_results_suggest_a_neighbouring_district(sample):
    konak = build.district("izmir", "Konak").pk
    results = run(districts=(konak,), languages=("fa",))
    nearby = [idea["names"] for idea in results.suggestions if idea["kind"] == "district"]
    assert nearby == [["Buca"]]
