"""Fixtures shared by the security tests: the community-A objects that URLs are built from."""

from types import SimpleNamespace

import pytest

from tests.security.urlwalk import contribute_objects


@pytest.fixture
def objects(resident_a, household_a, compound_a, community_a, staff_a, resident_b):
    """Community A's records (what an outsider must never reach), plus B's resident so that
    every community has data.

    The base here is the registry's community A and its people; each app adds the records
    its own routes name (a service entry, a published 公示, a public event with a sign-up
    and an hour certificate, a report, a registry import, an inbox message, the assistance
    cases …) through ``walk_objects`` in its ``tests/<app>/urlwalk.py``.
    """
    base = SimpleNamespace(
        resident=resident_a,
        household=household_a,
        compound=compound_a,
        community=community_a,
        sub_district=community_a.sub_district,
        staff=staff_a,
        resident_b=resident_b,
    )
    return contribute_objects(base)
