"""The resident's side: the event page, signing up, checking in and "my bookings"."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from portal.events import services
from portal.events.models import Registration
from tests.events.factories import EventFactory, in_days

pytestmark = pytest.mark.django_db


def test_anonymous_sign_up_button_leads_to_login_and_back(client, event_a, linked_resident_user):
    response = client.get(event_a.get_absolute_url())
    assert response.status_code == 200
    assert response.context["login_url"] == (
        reverse("accounts:login") + "?next=" + event_a.get_absolute_url().replace("/", "%2F")
    )
    # A POST by a visitor whose session ran out goes to log in, then back to the event.
    response = client.post(reverse("events:event-signup", args=[event_a.pk]))
    assert urlparse(response.url).path == reverse("accounts:login")
    next_url = parse_qs(urlparse(response.url).query)["next"][0]
    client.force_login(linked_resident_user)
    assert client.get(next_url).url == event_a.get_absolute_url()
    assert not Registration.objects.exists()  # a GET never signs anyone up


def test_linked_resident_signs_up_and_sees_the_booking(client, event_a, linked_resident_user):
    client.force_login(linked_resident_user)
    response = client.post(reverse("events:event-signup", args=[event_a.pk]), follow=True)
    assert response.redirect_chain[-1][0] == event_a.get_absolute_url()
    registration = Registration.objects.get(event=event_a)
    assert registration.resident == linked_resident_user.resident
    assert registration.created_by == linked_resident_user and not registration.by_staff
    bookings = client.get(reverse("events:my-bookings"))
    assert event_a.title in bookings.text
    assert reverse("events:booking-cancel", args=[registration.pk]) in bookings.text


def test_second_sign_up_gets_a_clear_message(client, event_a, linked_resident_user):
    client.force_login(linked_resident_user)
    url = reverse("events:event-signup", args=[event_a.pk])
    client.post(url)
    response = client.post(url, follow=True)
    assert f"{linked_resident_user.resident.name}已报名本活动。" in response.text
    assert Registration.objects.filter(event=event_a).count() == 1


def test_full_event_puts_the_resident_on_the_waiting_list(
    client, event_a, linked_resident_user, neighbours
):
    event_a.capacity = 1
    event_a.save()
    services.registration_create(event=event_a, resident=neighbours[0], by=None)
    client.force_login(linked_resident_user)
    client.post(reverse("events:event-signup", args=[event_a.pk]))
    assert Registration.objects.get(resident=linked_resident_user.resident).status == "waitlisted"


def test_unlinked_resident_is_asked_to_confirm_identity_first(client, event_a, resident_user):
    client.force_login(resident_user)
    response = client.post(reverse("events:event-signup", args=[event_a.pk]))
    assert urlparse(response.url).path == reverse("accounts:link")
    assert parse_qs(urlparse(response.url).query)["next"] == [event_a.get_absolute_url()]
    assert not Registration.objects.exists()


def test_staff_are_sent_to_the_staff_page(client, event_a, staff_a):
    client.force_login(staff_a)
    response = client.post(reverse("events:event-signup", args=[event_a.pk]))
    assert response.url == reverse("events:staff-event-detail", args=[event_a.pk])


def test_resident_cancels_their_booking(client, event_a, linked_resident_user):
    registration = services.registration_create(
        event=event_a, resident=linked_resident_user.resident, by=linked_resident_user
    )
    client.force_login(linked_resident_user)
    url = reverse("events:booking-cancel", args=[registration.pk])
    # Without the dialog's confirmation (no JavaScript) the server asks first.
    asked = client.post(url)
    assert asked.status_code == 200
    assert "确定取消“东南社区健康讲座”的报名吗？" in asked.text
    assert "您的名额将让给候补的人" in asked.text
    assert 'name="confirmed" value="1"' in asked.text
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    response = client.post(url, {"confirmed": "1"})
    assert response.url == reverse("events:my-bookings")
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_resident_undoes_their_cancellation_before_the_event(
    client, event_a, linked_resident_user, neighbours
):
    registration = services.registration_create(
        event=event_a, resident=linked_resident_user.resident, by=linked_resident_user
    )
    client.force_login(linked_resident_user)
    client.post(reverse("events:booking-cancel", args=[registration.pk]), {"confirmed": "1"})
    bookings = client.get(reverse("events:my-bookings"))
    restore_url = reverse("events:booking-restore", args=[registration.pk])
    assert restore_url in bookings.text and "撤销：恢复报名" in bookings.text
    response = client.post(restore_url, follow=True)
    assert "已恢复报名" in response.text
    registration.refresh_from_db()
    assert registration.status == "confirmed" and registration.cancelled_at is None
    # A second undo has nothing to undo.
    response = client.post(restore_url, follow=True)
    assert "该报名没有取消。" in response.text


def test_a_sign_up_cancelled_by_staff_offers_no_undo(
    client, event_a, linked_resident_user, staff_a
):
    registration = services.registration_create(
        event=event_a, resident=linked_resident_user.resident, by=staff_a
    )
    services.registration_cancel(registration=registration, by=staff_a)
    client.force_login(linked_resident_user)
    restore_url = reverse("events:booking-restore", args=[registration.pk])
    assert restore_url not in client.get(reverse("events:my-bookings")).text
    response = client.post(restore_url, follow=True)
    assert "该报名由工作人员取消" in response.text
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_a_cancelled_event_shows_as_cancelled_with_its_reason(
    client, event_a, linked_resident_user, staff_a
):
    services.registration_create(event=event_a, resident=linked_resident_user.resident, by=None)
    services.event_cancel(event=event_a, by=staff_a, reason="暴雨预警，改期另行通知")
    client.force_login(linked_resident_user)
    bookings = client.get(reverse("events:my-bookings"))
    assert event_a.title not in bookings.context["upcoming"].__repr__()
    assert [r.event for r in bookings.context["called_off"]] == [event_a]
    assert "活动已取消" in bookings.text and "原因：暴雨预警，改期另行通知" in bookings.text
    assert reverse("events:booking-cancel", args=[event_a.registrations.get().pk]) not in (
        bookings.text
    )
    page = client.get(event_a.get_absolute_url())
    assert "本活动已取消。" in page.text and "暴雨预警" in page.text
    assert "您已报名" not in page.text


def test_someone_elses_booking_cannot_be_cancelled(
    client, event_a, linked_resident_user, neighbours
):
    other = services.registration_create(event=event_a, resident=neighbours[0], by=None)
    client.force_login(linked_resident_user)
    assert client.post(reverse("events:booking-cancel", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.status == "confirmed"


def test_check_in_with_the_code_during_the_event(client, community_a, linked_resident_user):
    now_event = EventFactory(
        community=community_a, starts_at=in_days(0, hour=0), ends_at=in_days(1, hour=0)
    )
    Registration.objects.create(
        event=now_event, resident=linked_resident_user.resident, status="confirmed"
    )
    client.force_login(linked_resident_user)
    url = reverse("events:event-check-in", args=[now_event.pk])
    forged = client.post(url, {"code": "ZZZZZZ"}, follow=True)
    assert "签到码不正确，请核对后重试。" in forged.text
    client.post(url, {"code": now_event.check_in_code})
    assert Registration.objects.get(event=now_event).attended


def test_event_page_shows_places_left(client, event_a, neighbours):
    services.registration_create(event=event_a, resident=neighbours[0], by=None)
    response = client.get(event_a.get_absolute_url())
    assert response.context["places_left"] == 9


def test_past_event_page_says_sign_up_is_closed(client, community_a):
    past = EventFactory(community=community_a, starts_at=in_days(-2), ends_at=in_days(-2, 16))
    response = client.get(past.get_absolute_url())
    assert response.context["signup_open"] is False
    assert 'id="signup-button"' not in response.text


def test_my_bookings_lists_past_attendance_with_hours(client, community_a, linked_resident_user):
    past = EventFactory(
        community=community_a,
        title="植树活动",
        starts_at=in_days(-10),
        ends_at=in_days(-10) + dt.timedelta(hours=3),
    )
    Registration.objects.create(
        event=past,
        resident=linked_resident_user.resident,
        status="confirmed",
        attended_at=past.starts_at,
        hours=3,
    )
    client.force_login(linked_resident_user)
    response = client.get(reverse("events:my-bookings"))
    assert "植树活动" in response.text
    assert response.context["total_hours"] == 3


def test_my_bookings_queries_do_not_grow(
    client, community_a, linked_resident_user, django_assert_max_num_queries
):
    for _ in range(12):
        Registration.objects.create(
            event=EventFactory(community=community_a),
            resident=linked_resident_user.resident,
            status="confirmed",
        )
    client.force_login(linked_resident_user)
    # session, user, the resident, sign-ups with events, total hours, the menu's elder-care
    # volunteer check
    with django_assert_max_num_queries(6):
        response = client.get(reverse("events:my-bookings"))
    assert len(response.context["upcoming"]) == 12
