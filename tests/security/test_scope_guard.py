"""The guard of the scoping convention (issue 12.9): in the test suite a resident-bearing
model queried without a scope raises, unless the path is named in
``scoping.UNSCOPED_PATHS`` (the one place that lists the deliberate ones)."""

import pytest

from portal.accounts import scoping
from portal.registry.models import Household, Resident

pytestmark = pytest.mark.django_db


def test_an_unscoped_query_raises_and_a_scoped_one_does_not(staff_a, resident_a):
    assert scoping.scope_guard.get() == "raise"
    # This module is under "tests", a named path; pretend to be a view.
    original = scoping._caller_module
    scoping._caller_module = lambda: "portal.registry.views"
    try:
        with pytest.raises(scoping.UnscopedQuery):
            list(Resident.objects.filter(name=resident_a.name))
        with pytest.raises(scoping.UnscopedQuery):
            Household.objects.count()
        assert list(Resident.objects.visible_to(staff_a)) == [resident_a]
        assert Resident.objects.in_community(resident_a.community_id).exists()
        assert resident_a.household.members.count() == 1  # through a record in scope
        assert Resident.objects.unscoped().count() == 1  # said so at the call
    finally:
        scoping._caller_module = original


def test_the_deliberate_paths_are_named_in_one_place():
    assert "portal.accounts.scoping" in scoping.UNSCOPED_PATHS
    assert "portal.registry.migrations" in scoping.UNSCOPED_PATHS
    assert "portal.registry.management" in scoping.UNSCOPED_PATHS
