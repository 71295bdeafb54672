import datetime as dt

from partywork.services.reminders import meeting_reminders_send
from portal.notifications.models import Notification


def test_the_secretary_is_reminded_once_before_the_quarter_ends(
    settings, secretary_a, secretary_b, members_a, branch_a
):
    settings.PARTYWORK_OVERDUE_LOOKBACK_MONTHS = 3
    today = dt.date(2026, 3, 26)
    sent = meeting_reminders_send(today=today)
    # 党员大会 and 党课 of the first quarter; nothing to B's secretary.
    assert sent == 2
    assert set(Notification.objects.values_list("recipient", flat=True)) == {secretary_a.pk}
    assert meeting_reminders_send(today=today) == 0
    assert meeting_reminders_send(today=today + dt.timedelta(days=1)) == 0
    assert Notification.objects.count() == 2


def test_no_reminder_early_in_the_period(secretary_a, members_a, branch_a):
    assert meeting_reminders_send(today=dt.date(2026, 2, 10)) == 0
