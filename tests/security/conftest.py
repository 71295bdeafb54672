"""Fixtures shared by the security tests: the community-A objects that URLs are built from."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from tests.factories import TagFactory


@pytest.fixture
def objects(resident_a, household_a, compound_a, community_a, staff_a, resident_b):
    """Community A's records (what an outsider must never reach), plus B's resident so that
    every community has data."""
    return SimpleNamespace(
        resident=resident_a,
        household=household_a,
        compound=compound_a,
        community=community_a,
        sub_district=community_a.sub_district,
        staff=staff_a,
        tag=TagFactory(),
        group=Group.objects.create(name="registry clerks"),
        resident_b=resident_b,
    )
