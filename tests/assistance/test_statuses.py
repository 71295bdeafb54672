"""What the assistance app tells other apps through the ``resident_statuses`` hook: the
counted members of a 低保 / 低保边缘 / 特困 case that is confirmed or paid, nobody else."""

import pytest

from portal.core import contract, hooks
from tests.assistance.test_medical import receiving

pytestmark = pytest.mark.django_db


def test_counted_members_of_a_paid_case_hold_its_status(programmes, zhang_household):
    application = receiving(zhang_household, programmes["dibao-urban"])
    child = zhang_household.members.get(name="张小明")
    application.members.filter(resident=child).update(counted=False)
    ids = list(zhang_household.members.values_list("pk", flat=True))

    statuses = hooks.resident_statuses(ids)

    assert statuses == {pk: {contract.STATUS_SUBSISTENCE} for pk in ids if pk != child.pk}


@pytest.mark.parametrize("status", ["submitted", "accepted", "publicity", "stopped"])
def test_a_case_not_yet_confirmed_or_stopped_gives_no_status(programmes, zhang_household, status):
    receiving(zhang_household, programmes["dibao-urban"], status=status)

    assert hooks.resident_statuses(zhang_household.members.values_list("pk", flat=True)) == {}


def test_no_residents_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert hooks.resident_statuses([]) == {}
