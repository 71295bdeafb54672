"""A cancelled activity reaches the people signed up, as they see it: staff cancel with a
reason after a confirmation dialog; the resident finds the message in their inbox and the
booking under 活动已取消 in 我的报名; a resident's own cancellation asks first and can be
undone."""

import datetime as dt

import pytest
from django.utils import timezone

from portal.events.models import Registration, RegistrationStatus
from portal.notifications.models import Notification
from tests.events.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "暴雨红色预警，活动改期另行通知"


@pytest.fixture
def health_talk(community_a):
    start = timezone.localtime().replace(second=0, microsecond=0) + dt.timedelta(days=3)
    return EventFactory(
        community=community_a,
        title="冬季养生健康讲座",
        place="东南社区活动室",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )


@pytest.fixture
def signed_up(health_talk, resident_user, resident_a):
    resident_user.resident = resident_a
    resident_user.save()
    return Registration.objects.create(
        event=health_talk, resident=resident_a, status=RegistrationStatus.CONFIRMED
    )


def test_staff_cancel_with_a_reason_and_the_resident_is_told(
    chromium, live_server, phone, desktop, staff_a, resident_user, health_talk, signed_up
):
    # Staff, at a desk: the cancel link leads to a page asking why, then a dialog asks.
    desktop.log_in_as_staff(staff_a)
    page = desktop.page
    desktop.go(f"/staff/events/{health_talk.pk}/")
    assert page.locator(f"#registration-{signed_up.pk} button.btn-success").is_visible()
    page.click("#event-cancel-link")
    assert "已有1人报名" in page.inner_text("#cancel-consequence")
    page.fill("#id_reason", REASON)
    page.click("#event-cancel-submit")
    dialog = page.locator("#confirm-dialog")
    dialog.wait_for(state="visible")
    assert "确定取消“冬季养生健康讲座”吗？" in dialog.inner_text()
    desktop.shot("confirm-dialog")
    health_talk.refresh_from_db()
    assert not health_talk.is_cancelled  # nothing happens before "yes"
    page.click("#confirm-dialog-yes")
    page.wait_for_url(f"**/staff/events/{health_talk.pk}/")
    assert REASON in page.inner_text("#cancellation")
    # No attendance or cancel buttons any more.
    row = page.locator(f"#registration-{signed_up.pk}")
    assert row.locator("button").count() == 0
    assert "活动已取消" in row.inner_text()
    desktop.shot("cancelled-staff")
    assert not desktop.errors, desktop.errors

    # The resident, on a phone: the message in the inbox, the booking as cancelled.
    phone.log_in(resident_user, "/inbox/")
    inbox = phone.page.inner_text("main")
    assert "活动取消：冬季养生健康讲座" in inbox
    assert Notification.objects.filter(recipient=resident_user, kind="event_cancelled").count() == 1
    phone.shot("inbox")
    phone.go("/my/bookings/")
    cancelled = phone.page.inner_text("#cancelled-bookings")
    assert "冬季养生健康讲座" in cancelled and "活动已取消" in cancelled and REASON in cancelled
    assert "冬季养生健康讲座" not in phone.page.inner_text("#upcoming-bookings")
    assert phone.page.locator("#cancelled-bookings button").count() == 0
    assert phone.fits_the_screen()
    phone.shot("cancelled-booking")
    phone.go(health_talk.get_absolute_url())
    text = phone.page.inner_text("main")
    assert "本活动已取消" in text and "您已报名" not in text
    phone.shot("cancelled-event")
    assert not phone.errors, phone.errors


def test_a_resident_confirms_their_cancellation_and_undoes_it(
    phone, resident_user, health_talk, signed_up
):
    page = phone.page
    phone.log_in(resident_user, "/my/bookings/")
    page.click("#upcoming-bookings button[type=submit]")
    page.locator("#confirm-dialog").wait_for(state="visible")
    assert "确定取消“冬季养生健康讲座”的报名吗？" in page.inner_text("#confirm-dialog")
    phone.shot("confirm-dialog")
    # "No" changes nothing.
    page.click("#confirm-dialog-no")
    assert not page.is_visible("#confirm-dialog")
    signed_up.refresh_from_db()
    assert signed_up.status == RegistrationStatus.CONFIRMED

    page.click("#upcoming-bookings button[type=submit]")
    page.click("#confirm-dialog-yes")
    page.wait_for_selector(".alert-success")
    signed_up.refresh_from_db()
    assert signed_up.status == RegistrationStatus.CANCELLED
    phone.shot("cancelled-by-me")
    page.click(f"#restore-{signed_up.pk}")
    page.wait_for_selector(".alert-success")
    assert "冬季养生健康讲座" in page.inner_text("#upcoming-bookings")
    signed_up.refresh_from_db()
    assert signed_up.status == RegistrationStatus.CONFIRMED
    assert not phone.errors, phone.errors


def test_without_javascript_the_server_asks_instead(
    chromium, live_server, resident_user, health_talk, signed_up
):
    from tests.browser.conftest import PHONE, Screen

    context = chromium.new_context(**PHONE, java_script_enabled=False)
    screen = Screen(context, live_server.url, "no-js")
    try:
        screen.log_in(resident_user, "/my/bookings/")
        screen.page.click("#upcoming-bookings button[type=submit]")
        screen.page.wait_for_selector("#confirm-page")
        assert "确定取消“冬季养生健康讲座”的报名吗？" in screen.page.inner_text("main")
        signed_up.refresh_from_db()
        assert signed_up.status == RegistrationStatus.CONFIRMED
        screen.shot("confirm-page")
        screen.page.click("#confirm-yes")
        screen.page.wait_for_url("**/my/bookings/")
        signed_up.refresh_from_db()
        assert signed_up.status == RegistrationStatus.CANCELLED
    finally:
        context.close()
