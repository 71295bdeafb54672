"""The fixed cast every test can use.

Two communities: 东南 (community A) and 雅苑 (community B, where the outsider works).
- ``subdistrict_user``: sub-district staff, sees every community
- ``staff_a`` / ``staff_b``: community staff of A and of B (B is the outsider to A's data)
- ``doctor_a``: family doctor in A (read-only in the registry)
- ``resident_user``: a resident account, never allowed in the staff area
- ``admin_user``: administrator (Django admin)
"""

import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation

from portal.accounts.models import Role
from tests.factories import (
    CommunityFactory,
    CompoundFactory,
    HouseholdFactory,
    ResidentFactory,
    UserFactory,
)

PASSWORD = "correct-horse-battery"

# App fixtures used beyond their own folder (the browser tests).
pytest_plugins = ["tests.assistance.fixtures"]


@pytest.fixture
def community_a(db):
    return CommunityFactory(name="东南", code="001")


@pytest.fixture
def community_b(db):
    return CommunityFactory(name="雅苑", code="005")


@pytest.fixture
def compound_a(community_a):
    return CompoundFactory(community=community_a, name="东南花园")


@pytest.fixture
def compound_b(community_b):
    return CompoundFactory(community=community_b, name="雅苑新村")


@pytest.fixture
def household_a(community_a, compound_a):
    return HouseholdFactory(community=community_a, compound=compound_a, address="东南花园3幢201室")


@pytest.fixture
def household_b(community_b, compound_b):
    return HouseholdFactory(community=community_b, compound=compound_b, address="雅苑新村5幢302室")


@pytest.fixture
def resident_a(household_a):
    return ResidentFactory(
        community=household_a.community, household=household_a, relation_to_head="head", name="张伟"
    )


@pytest.fixture
def resident_b(household_b):
    return ResidentFactory(
        community=household_b.community, household=household_b, relation_to_head="head", name="李娜"
    )


@pytest.fixture
def subdistrict_user(db):
    return UserFactory(username="jiedao", role=Role.SUBDISTRICT_STAFF)


@pytest.fixture
def staff_a(community_a):
    return UserFactory(username="staff_a", role=Role.COMMUNITY_STAFF, community=community_a)


@pytest.fixture
def staff_b(community_b):
    return UserFactory(username="staff_b", role=Role.COMMUNITY_STAFF, community=community_b)


@pytest.fixture
def doctor_a(community_a):
    return UserFactory(username="doctor_a", role=Role.FAMILY_DOCTOR, community=community_a)


@pytest.fixture
def resident_user(db):
    return UserFactory(username="resident", role=Role.RESIDENT)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=Role.ADMINISTRATOR, is_superuser=True)


def client_for(client, user):
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def scoping_guard():
    """Resident-bearing models queried without a scope raise (issue 12.9); with
    PORTAL_SCOPE_GUARD=collect the run lists them in var/unscoped.txt instead."""
    from portal.accounts import scoping

    mode = os.environ.get("PORTAL_SCOPE_GUARD", "raise")
    token = scoping.scope_guard.set(mode)
    yield
    scoping.scope_guard.reset(token)
    if mode == "collect" and scoping.unscoped_seen:
        with open("var/unscoped.txt", "a", encoding="utf-8") as out:
            out.writelines(f"{line}\n" for line in sorted(scoping.unscoped_seen))
        scoping.unscoped_seen.clear()


@pytest.fixture(autouse=True)
def portal_language():
    """Every test starts in the portal's language. A request leaves the language its
    middleware chose active in the thread; without this, a test that switched to English
    would make later tests' messages English, depending on the order they run in."""
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: the database is rolled back between tests
    without a signal, so a count or page cached by an earlier test could otherwise match."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and built files go to a directory of the test's own, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
