"""Every main list and search query of the registry is served by an index (PostgreSQL).

The queries are built by the same code the views run (``visible_to``, ``for_list``,
``matching``, the list orders and the seek paginator's page query), EXPLAINed with
sequential scans switched off for the transaction: a plan that still has a ``Seq Scan``
on a registry table means no index can serve the query. The seeded rows are few, so the
test asks "can an index serve it", not "will the planner prefer it" (it does at 100k
rows: see ``make bench``). SQLite has neither EXPLAIN's JSON nor trigram indexes: skipped.
"""

import json

import pytest
from django.db import connection

from portal.registry.models import Household, Resident
from tests.factories import HouseholdFactory, ResidentFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="EXPLAIN plans and pg_trgm indexes need PostgreSQL (set DATABASE_URL)",
    ),
]

RESIDENT_ORDER = ("community_id", "name", "pk")
HOUSEHOLD_ORDER = ("community_id", "address", "pk")
REGISTRY_TABLES = {"registry_resident", "registry_household", "registry_resident_tags"}


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def plan_nodes(queryset) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = json.loads(queryset.explain(format="json"))[0]["Plan"]
    return list(_nodes(plan))


def assert_indexed(queryset) -> None:
    nodes = plan_nodes(queryset)
    scans = [(n["Node Type"], n.get("Relation Name"), n.get("Index Name")) for n in nodes]
    assert not [s for s in scans if s[0] == "Seq Scan" and s[1] in REGISTRY_TABLES], scans
    assert any(n.get("Index Name") for n in nodes), scans


@pytest.fixture
def register(community_a, community_b):
    for community in (community_a, community_b):
        for n in range(30):
            household = HouseholdFactory(community=community, address=f"东南花园{n}幢{n}01室")
            ResidentFactory(community=community, household=household, head_of=True, name=f"张小{n}")
            ResidentFactory(community=community, household=household, name=f"王大{n}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registry_resident")
        cursor.execute("ANALYZE registry_household")


def residents(user, **filters):
    return Resident.objects.visible_to(user).for_list().matching(filters).order_by(*RESIDENT_ORDER)


def page_keys(queryset, page: int = 1):
    """The query ``SeekPaginator`` runs for a page: its rows, picked by their keys."""
    bottom = (page - 1) * 20
    return queryset.filter(pk__in=queryset.values("pk")[bottom : bottom + 20])


@pytest.mark.parametrize("persona", ["staff_a", "subdistrict_user"])
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"q": "张小"},  # name contains (trigram index on UPPER(name))
        {"q": "张小明"},
        {"q": "1234"},  # ID-number tail, phone tail (trigram indexes)
        {"q": "139000000"},  # phone tail
        {"q": "13900000001"},  # whole phone number
        {"q": "33020319800517123X"},  # whole ID number
    ],
    ids=lambda f: f.get("q", "list"),
)
@pytest.mark.parametrize("page", [1, 200])
def test_resident_list_and_searches_use_an_index(request, register, persona, filters, page):
    queryset = residents(request.getfixturevalue(persona), **filters)
    assert_indexed(page_keys(queryset, page))


@pytest.mark.parametrize("persona", ["staff_a", "subdistrict_user"])
def test_resident_count_uses_an_index(request, register, persona):
    queryset = Resident.objects.visible_to(request.getfixturevalue(persona)).order_by()
    if request.getfixturevalue(persona).sees_all_communities:
        pytest.skip("the whole register has no WHERE: counted once, then from the cache")
    assert_indexed(queryset.values("pk"))


@pytest.mark.parametrize("q", ["", "东南花园3幢", "张小"])
@pytest.mark.parametrize("page", [1, 200])
def test_household_list_and_search_use_an_index(register, staff_a, q, page):
    queryset = Household.objects.visible_to(staff_a).search(q).order_by(*HOUSEHOLD_ORDER)
    assert_indexed(page_keys(queryset, page))
