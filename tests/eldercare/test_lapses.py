"""The lapsed-visit alert: once and only once per lapse, however often the beat task runs;
a later visit moves the due date, and its lapse is a new one."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from eldercare.models import Lapse, Volunteer
from eldercare.services.volunteers import lapses_check, pairing_create, visit_decide, visit_log
from eldercare.tasks import visit_lapses_check_task
from portal.notifications.models import Notification
from tests.eldercare.conftest import elder
from tests.factories import ResidentFactory


@pytest.fixture
def pairing(community_a, staff_a):
    old = elder(community_a, dt.date(1945, 5, 1), name="独居的周奶奶")
    helper = Volunteer.objects.create(
        resident=ResidentFactory(community=community_a, name="义工小吴"),
        registered_on=dt.date(2026, 1, 1),
    )
    return pairing_create(
        elder=old, volunteer=helper, by=staff_a, started_on=dt.date(2026, 3, 1), interval_days=7
    )


def alerts(user):
    return Notification.objects.filter(recipient=user, kind="eldercare_visit_lapsed")


@pytest.mark.django_db
def test_one_alert_per_lapse(pairing, staff_a, staff_b):
    # Paired 1 March, every 7 days: due 8 March. On 8 March nothing is late.
    assert lapses_check(dt.date(2026, 3, 8)) == 0
    # 9 March: lapsed → one Lapse, one message to community A's staff, none to B's.
    assert lapses_check(dt.date(2026, 3, 9)) == 1
    assert lapses_check(dt.date(2026, 3, 10)) == 0  # the next day: the same lapse
    assert lapses_check(dt.date(2026, 3, 10)) == 0  # the same day twice
    assert alerts(staff_a).count() == 1 and alerts(staff_b).count() == 0
    assert Lapse.objects.get().due_on == dt.date(2026, 3, 8)
    # A visit on 12 March (logged, approved): next due 19 March; 20 March is a new lapse.
    visit = visit_log(
        volunteer=pairing.volunteer,
        pairing=pairing,
        visited_on=dt.date(2026, 3, 12),
        hours=Decimal("1.5"),
    )
    visit_decide(visit=visit, approve=True, by=staff_a)
    assert lapses_check(dt.date(2026, 3, 19)) == 0
    assert lapses_check(dt.date(2026, 3, 20)) == 1
    assert lapses_check(dt.date(2026, 3, 25)) == 0
    assert alerts(staff_a).count() == 2
    assert sorted(Lapse.objects.values_list("due_on", flat=True)) == [
        dt.date(2026, 3, 8),
        dt.date(2026, 3, 19),
    ]


@pytest.mark.django_db
def test_the_beat_task_is_idempotent(pairing, staff_a):
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC), tick=False):
        visit_lapses_check_task()
        visit_lapses_check_task()
    assert alerts(staff_a).count() == 1


@pytest.mark.django_db
def test_a_refused_visit_does_not_count_and_an_ended_pairing_is_not_checked(pairing, staff_a):
    visit = visit_log(
        volunteer=pairing.volunteer, pairing=pairing, visited_on=dt.date(2026, 3, 5), hours=1
    )
    visit_decide(visit=visit, approve=False, by=staff_a)
    # the refused visit of 5 March does not move the due date (8 March)
    assert lapses_check(dt.date(2026, 3, 9)) == 1
    pairing.ended_on = dt.date(2026, 3, 10)
    pairing.save()
    assert lapses_check(dt.date(2026, 5, 1)) == 0


@pytest.mark.django_db
def test_visit_refusals(pairing, community_a, staff_a):
    stranger = Volunteer.objects.create(
        resident=ResidentFactory(community=community_a, name="别的义工"),
        registered_on=dt.date(2026, 1, 1),
    )
    cases = [
        ({"volunteer": stranger, "visited_on": dt.date(2026, 3, 5), "hours": 1}, "not_paired"),
        ({"volunteer": pairing.volunteer, "visited_on": dt.date(2999, 1, 1), "hours": 1}, "future"),
        ({"volunteer": pairing.volunteer, "visited_on": dt.date(2026, 2, 1), "hours": 1}, "order"),
        (
            {"volunteer": pairing.volunteer, "visited_on": dt.date(2026, 3, 5), "hours": "1:2"},
            "hours",
        ),
        ({"volunteer": pairing.volunteer, "visited_on": dt.date(2026, 3, 5), "hours": 20}, "hours"),
    ]
    for kwargs, code in cases:
        with pytest.raises(ValidationError) as caught:
            visit_log(pairing=pairing, **kwargs)
        assert caught.value.code == code
    first = visit_log(
        pairing=pairing, volunteer=pairing.volunteer, visited_on=dt.date(2026, 3, 5), hours=1
    )
    with pytest.raises(ValidationError) as caught:
        visit_log(
            pairing=pairing, volunteer=pairing.volunteer, visited_on=dt.date(2026, 3, 5), hours=1
        )
    assert caught.value.code == "duplicate"
    visit_decide(visit=first, approve=True, by=staff_a)
    with pytest.raises(ValidationError) as caught:
        visit_decide(visit=first, approve=True, by=staff_a)
    assert caught.value.code == "decided"


@pytest.mark.django_db
def test_a_second_open_pairing_is_refused(pairing, staff_a):
    with pytest.raises(ValidationError) as caught:
        pairing_create(elder=pairing.elder, volunteer=pairing.volunteer, by=staff_a)
    assert caught.value.code == "duplicate"


@pytest.mark.django_db
def test_reassessment_reminders_go_once_per_due_date(community_a, staff_a, staff_b):
    from eldercare.services.assessments import (
        assessment_record,
        condition_change_record,
        reassessment_reminders_send,
    )
    from tests.eldercare.test_assessment_rules import sheet

    person = elder(community_a, dt.date(1944, 2, 2), name="吴阿婆")
    assessment_record(
        elder=person,
        by=staff_a,
        assessed_on=dt.date(2025, 7, 1),
        reason="first",
        assessor_name="甲",
        scores=sheet(),
    )
    # due 2026-07-01; reminders go 30 days ahead (ELDERCARE_REASSESSMENT_REMINDER_DAYS)
    assert reassessment_reminders_send(dt.date(2026, 5, 31)) == 0
    assert reassessment_reminders_send(dt.date(2026, 6, 1)) == 1
    assert reassessment_reminders_send(dt.date(2026, 6, 2)) == 0
    # a change of condition makes it due at once: one new reminder
    condition_change_record(elder=person, by=staff_a, on=dt.date(2026, 6, 10))
    assert reassessment_reminders_send(dt.date(2026, 6, 10)) == 1
    assert (
        Notification.objects.filter(kind="eldercare_reassessment_due", recipient=staff_a).count()
        == 2
    )
    assert not Notification.objects.filter(recipient=staff_b).exists()
