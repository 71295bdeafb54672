import pytest

from portal.notifications.models import ChannelPreference
from tests.events.factories import EventFactory


@pytest.fixture
def event_a(community_a):
    return EventFactory(community=community_a, title="东南社区健康讲座", place="东南社区活动室")


@pytest.fixture
def linked_resident_user(resident_user, resident_a):
    """A resident account with its registry record and the mobile number it signed up with."""
    resident_user.resident = resident_a
    resident_user.phone = "13912340001"
    resident_user.save()
    return resident_user


@pytest.fixture
def wants_everything(linked_resident_user):
    """The resident also has an e-mail address and chose e-mail and text messages."""
    linked_resident_user.email = "zhangwei@example.cn"
    linked_resident_user.save()
    ChannelPreference.objects.create(user=linked_resident_user, email=True, sms=True)
    return linked_resident_user
