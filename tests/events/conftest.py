import pytest

from tests.events.factories import EventFactory
from tests.factories import ResidentFactory


@pytest.fixture
def event_a(community_a):
    return EventFactory(community=community_a, title="东南社区健康讲座")


@pytest.fixture
def neighbours(household_a):
    """Five more residents of community A."""
    return [
        ResidentFactory(community=household_a.community, household=household_a, name=f"邻居{i}")
        for i in range(5)
    ]


@pytest.fixture
def linked_resident_user(resident_user, resident_a):
    resident_user.resident = resident_a
    resident_user.save()
    return resident_user
