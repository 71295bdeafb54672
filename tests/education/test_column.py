"""The farmers' column's weekly rule: fewer than three posts in a week is told to the
course coordinators once; a full week is not."""

import datetime as dt

import pytest

from education.models import ColumnCategory, ColumnPost
from education.services.column import column_week_check
from portal.notifications.models import Notification
from tests.education.fixtures import at

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2026, 3, 9)  # the week checked: 9–15 March
CHECK_DAY = dt.date(2026, 3, 16)


def post(day: dt.date, title: str = "春耕备耕技术要点") -> ColumnPost:
    return ColumnPost.objects.create(
        title=title, category=ColumnCategory.TECHNIQUE, body="……", published_at=at(day, 10)
    )


def test_a_short_week_warns_once(coordinator):
    post(MONDAY)
    post(MONDAY + dt.timedelta(days=6))
    post(MONDAY + dt.timedelta(days=7))  # the next week's
    assert column_week_check(today=CHECK_DAY) == 1
    assert column_week_check(today=CHECK_DAY) == 0  # beat ran again: nothing more
    assert column_week_check(today=CHECK_DAY + dt.timedelta(days=2)) == 0
    notification = Notification.objects.get()
    assert notification.recipient == coordinator
    assert notification.kind == "education_column_short"
    assert "2" in notification.body


def test_a_full_week_does_not_warn(coordinator):
    for offset in (0, 3, 6):
        post(MONDAY + dt.timedelta(days=offset))
    assert column_week_check(today=CHECK_DAY) == 0
    assert not Notification.objects.exists()


def test_a_withdrawn_post_does_not_count(coordinator):
    for offset in (0, 3, 6):
        post(MONDAY + dt.timedelta(days=offset))
    ColumnPost.objects.filter(published_at__date=MONDAY).update(withdrawn=True)
    assert column_week_check(today=CHECK_DAY) == 1
