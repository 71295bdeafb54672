"""Working days by the official calendar (法定节假日与调休): the 2026 notice installed by
migration, a year not entered yet, and a notice entered in the admin."""

import datetime as dt

import pytest

from portal.core.dates import add_working_days
from portal.core.holidays import NOTICE_2026, official_days
from portal.core.models import OfficialDay, OfficialDayKind

pytestmark = pytest.mark.django_db


def test_the_2026_notice_is_installed_with_every_day_off_and_make_up_day():
    rows = official_days(NOTICE_2026)
    days_off = [day for day, kind, _name in rows if kind == "holiday"]
    make_up = [day for day, kind, _name in rows if kind == "workday"]
    # 3 + 9 + 3 + 5 + 3 + 3 + 7 days off; six make-up working days, all weekends.
    assert len(days_off) == 33 and len(make_up) == 6
    assert all(day.weekday() >= 5 for day in make_up)
    assert OfficialDay.objects.filter(kind=OfficialDayKind.HOLIDAY).count() == 33
    assert OfficialDay.objects.get(day=dt.date(2026, 2, 14)).kind == OfficialDayKind.WORKDAY


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # An ordinary week: Friday + 1 is Monday.
        (dt.date(2026, 3, 13), 1, dt.date(2026, 3, 16)),
        # 元旦: Wednesday 31 December 2025 + 1 skips 1-3 January and lands on Sunday the
        # 4th, a make-up working day.
        (dt.date(2025, 12, 31), 1, dt.date(2026, 1, 4)),
        # 春节: Friday 13 February + 1 is the make-up Saturday; + 2 is Tuesday 24th.
        (dt.date(2026, 2, 13), 1, dt.date(2026, 2, 14)),
        (dt.date(2026, 2, 13), 2, dt.date(2026, 2, 24)),
        # 国庆: Wednesday 30 September + 1 is Thursday 8 October; + 3 is the make-up
        # Saturday 10 October.
        (dt.date(2026, 9, 30), 1, dt.date(2026, 10, 8)),
        (dt.date(2026, 9, 30), 3, dt.date(2026, 10, 10)),
        (dt.date(2026, 1, 6), 30, dt.date(2026, 2, 24)),
    ],
)
def test_working_days_follow_the_official_calendar(
    start, days, expected, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert add_working_days(start, days) == expected


def test_a_year_not_entered_counts_monday_to_friday_until_its_notice_is_added():
    # 2027's notice is not in: Friday 5 February 2027 + 1 is Monday the 8th.
    assert add_working_days(dt.date(2027, 2, 5), 1) == dt.date(2027, 2, 8)
    OfficialDay.objects.create(day=dt.date(2027, 2, 8), kind=OfficialDayKind.HOLIDAY, name="春节")
    assert add_working_days(dt.date(2027, 2, 5), 1) == dt.date(2027, 2, 9)


def test_a_make_up_working_day_on_a_weekday_is_refused_in_the_admin(client, admin_user):
    client.force_login(admin_user)
    add = "/admin/core/officialday/add/"
    response = client.post(add, {"day": "2027-02-10", "kind": "workday", "name": "春节"})
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert not OfficialDay.objects.filter(day=dt.date(2027, 2, 10)).exists()
    response = client.post(add, {"day": "2027-02-06", "kind": "workday", "name": "春节"})
    assert response.status_code == 302  # a Saturday
    assert (
        OfficialDay.objects.get(day=dt.date(2027, 2, 6)).history.first().history_user == admin_user
    )
