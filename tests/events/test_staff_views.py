"""Staff pages of the events: scope, the event form with repetition, the sign-up list,
signing up on someone's behalf, attendance, the attendee workbook, hours and certificates."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from portal.events import services
from portal.events.models import Event, HourCertificate, Registration
from tests.events.factories import EventFactory, in_days

pytestmark = pytest.mark.django_db

LOCAL = "%Y-%m-%dT%H:%M"


def event_form_data(community, **overrides):
    start = in_days(3, hour=9)
    data = {
        "title": "社区义诊",
        "kind": "health",
        "organiser_app": "health",
        "community": community.pk,
        "place": "社区卫生服务站",
        "description": "",
        "starts_at": start.strftime(LOCAL),
        "ends_at": (start + dt.timedelta(hours=2)).strftime(LOCAL),
        "capacity": "30",
        "waitlist_enabled": "on",
        "audience": "public",
        "members_tag": "",
        "signup_enabled": "on",
        "signup_opens_at": "",
        "signup_closes_at": "",
        "volunteer_hours": "",
        "repeat": "",
        "interval": "1",
        "count": "",
        "until": "",
    }
    data.update(overrides)
    return data


# --- scope -----------------------------------------------------------------------------------


def test_staff_see_their_communitys_and_sub_district_events_only(
    client, staff_b, event_a, community_b
):
    theirs = EventFactory(community=community_b, title="雅苑活动")
    shared = EventFactory(community=None, title="街道运动会")
    client.force_login(staff_b)
    response = client.get(reverse("events:staff-event-list"))
    assert theirs.title in response.text and shared.title in response.text
    assert event_a.title not in response.text
    assert client.get(reverse("events:staff-event-detail", args=[event_a.pk])).status_code == 404


def test_community_staff_cannot_edit_a_sub_district_event(client, staff_a):
    shared = EventFactory(community=None)
    client.force_login(staff_a)
    assert client.get(reverse("events:staff-event-detail", args=[shared.pk])).status_code == 200
    assert client.get(reverse("events:staff-event-update", args=[shared.pk])).status_code == 403


def test_residents_and_visitors_stay_out(client, event_a, resident_user):
    url = reverse("events:staff-event-detail", args=[event_a.pk])
    assert reverse("accounts:login") in client.get(url).url
    client.force_login(resident_user)
    assert client.get(url).status_code == 403


def test_event_list_queries_do_not_grow(
    client, staff_a, community_a, django_assert_max_num_queries
):
    for _ in range(15):
        EventFactory(community=community_a)
    client.force_login(staff_a)
    # session, user, count, page of events with counts, session stamp (savepoint, update, release)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("events:staff-event-list"))
    assert len(response.context["page_obj"]) == 15


# --- the form --------------------------------------------------------------------------------


def test_create_a_single_event(client, staff_a, community_a):
    client.force_login(staff_a)
    response = client.post(reverse("events:staff-event-create"), event_form_data(community_a))
    event = Event.objects.get()
    assert response.url == reverse("events:staff-event-detail", args=[event.pk])
    assert event.created_by == staff_a and event.capacity == 30


def test_create_a_weekly_series(client, staff_a, community_a):
    client.force_login(staff_a)
    client.post(
        reverse("events:staff-event-create"),
        event_form_data(community_a, repeat="weekly", count="6"),
    )
    assert Event.objects.count() == 6
    assert Event.objects.values("series").distinct().count() == 1


def test_a_series_without_end_is_refused_with_a_message(client, staff_a, community_a):
    client.force_login(staff_a)
    response = client.post(
        reverse("events:staff-event-create"), event_form_data(community_a, repeat="weekly")
    )
    assert response.status_code == 200
    assert "重复活动需要设定何时结束" in response.text
    assert not Event.objects.exists()


def test_event_must_end_after_it_starts(client, staff_a, community_a):
    client.force_login(staff_a)
    start = in_days(3, hour=9)
    response = client.post(
        reverse("events:staff-event-create"),
        event_form_data(community_a, ends_at=(start - dt.timedelta(hours=1)).strftime(LOCAL)),
    )
    assert response.status_code == 200 and not Event.objects.exists()
    assert "ends_at" in response.context["form"].errors


def test_community_staff_cannot_post_another_community(client, staff_a, community_b):
    client.force_login(staff_a)
    response = client.post(reverse("events:staff-event-create"), event_form_data(community_b))
    assert "community" in response.context["form"].errors
    assert not Event.objects.exists()


def test_raising_capacity_promotes_the_waiting_list(client, staff_a, event_a, neighbours):
    event_a.capacity = 1
    event_a.save()
    for person in neighbours[:3]:
        services.registration_create(event=event_a, resident=person, by=None)
    client.force_login(staff_a)
    data = event_form_data(
        event_a.community,
        title=event_a.title,
        starts_at=timezone.localtime(event_a.starts_at).strftime(LOCAL),
        ends_at=timezone.localtime(event_a.ends_at).strftime(LOCAL),
        capacity="3",
    )
    client.post(reverse("events:staff-event-update", args=[event_a.pk]), data)
    assert event_a.registrations.confirmed().count() == 3


# --- sign-up list and attendance ----------------------------------------------------------------


def test_staff_sign_up_a_resident_on_their_behalf(client, staff_a, event_a, resident_a):
    client.force_login(staff_a)
    client.post(
        reverse("events:staff-event-signup", args=[event_a.pk]), {"resident": resident_a.pk}
    )
    registration = Registration.objects.get()
    assert registration.resident == resident_a and registration.by_staff
    assert registration.created_by == staff_a


def test_staff_cannot_sign_up_another_communitys_resident(client, staff_a, event_a, resident_b):
    client.force_login(staff_a)
    client.post(
        reverse("events:staff-event-signup", args=[event_a.pk]), {"resident": resident_b.pk}
    )
    assert not Registration.objects.exists()


def test_resident_picker_is_scoped_and_masked(client, staff_a, resident_a, resident_b):
    client.force_login(staff_a)
    response = client.get(reverse("registry:resident-options"), {"resident_search": "张"})
    assert resident_a.name in response.text and resident_a.masked_id_number in response.text
    assert resident_a.id_number not in response.text
    response = client.get(reverse("registry:resident-options"), {"resident_search": "李"})
    assert resident_b.name not in response.text


def test_attendance_is_marked_with_htmx_and_credits_hours(client, staff_a, community_a, resident_a):
    today = EventFactory(
        community=community_a,
        starts_at=in_days(0, hour=0),
        ends_at=in_days(1, hour=0),
        volunteer_hours=Decimal("2"),
    )
    registration = services.registration_create(
        event=today, resident=resident_a, by=staff_a, now=in_days(-1)
    )
    client.force_login(staff_a)
    url = reverse("events:staff-registration-attendance", args=[today.pk, registration.pk])
    response = client.post(url, {"attended": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="registration-{registration.pk}"' in response.text
    registration.refresh_from_db()
    assert registration.attended and registration.hours == Decimal("2")


@pytest.mark.parametrize("viewer", ["doctor_a", "staff_a"])
def test_sign_up_list_masks_phones_for_every_role(client, request, viewer, event_a, resident_a):
    """Like the registry's lists: full numbers only on the resident's audited page."""
    services.registration_create(event=event_a, resident=resident_a, by=None)
    client.force_login(request.getfixturevalue(viewer))
    response = client.get(reverse("events:staff-event-detail", args=[event_a.pk]))
    assert resident_a.name in response.text
    assert resident_a.masked_phone in response.text and resident_a.phone not in response.text


def test_staff_detail_queries_do_not_grow(client, staff_a, event_a, django_assert_max_num_queries):
    from tests.factories import ResidentFactory

    event_a.capacity = 50
    event_a.save()
    for _ in range(20):
        services.registration_create(
            event=event_a, resident=ResidentFactory(community=event_a.community), by=None
        )
    client.force_login(staff_a)
    # session, user, event, sign-ups with people, confirmed count, session stamp (3)
    with django_assert_max_num_queries(9):
        client.get(reverse("events:staff-event-detail", args=[event_a.pk]))


def test_attendee_export_is_an_xlsx_with_masked_phones_and_text_cells(
    client, doctor_a, event_a, resident_a
):
    resident_a.name = "=HYPERLINK(1)"
    resident_a.save()
    services.registration_create(event=event_a, resident=resident_a, by=None)
    client.force_login(doctor_a)
    response = client.get(reverse("events:staff-attendee-export", args=[event_a.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][1] == "=HYPERLINK(1)"
    assert sheet.cell(row=2, column=2).data_type == "s"  # text, never a formula
    assert rows[1][3] == resident_a.masked_phone


def test_staff_cancel_a_sign_up_and_the_waiting_list_moves_up(client, staff_a, event_a, neighbours):
    event_a.capacity = 1
    event_a.save()
    first = services.registration_create(event=event_a, resident=neighbours[0], by=None)
    waiting = services.registration_create(event=event_a, resident=neighbours[1], by=None)
    client.force_login(staff_a)
    url = reverse("events:staff-registration-cancel", args=[event_a.pk, first.pk])
    asked = client.post(url)
    assert f"确定取消{first.resident.name}的报名吗？" in asked.text
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"
    client.post(url, {"confirmed": "1"})
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_cancelling_an_event_asks_why_and_says_who_is_told(
    client, staff_a, event_a, neighbours, linked_resident_user
):
    services.registration_create(event=event_a, resident=linked_resident_user.resident, by=None)
    services.registration_create(event=event_a, resident=neighbours[0], by=staff_a)
    client.force_login(staff_a)
    detail = client.get(reverse("events:staff-event-detail", args=[event_a.pk]))
    url = reverse("events:staff-event-cancel", args=[event_a.pk])
    assert f'href="{url}"' in detail.text  # a page that asks, not a one-click form
    page = client.get(url)
    assert "已有2人报名" in page.text and "1人没有账号" in page.text
    assert 'data-confirm="确定取消“东南社区健康讲座”吗？"' in page.text
    refused = client.post(url, {"reason": "  "})
    assert "这个字段是必填项。" in refused.text or "请填写取消原因" in refused.text
    event_a.refresh_from_db()
    assert not event_a.is_cancelled

    response = client.post(url, {"reason": "暴雨预警"}, follow=True)
    event_a.refresh_from_db()
    assert event_a.is_cancelled and event_a.cancellation_reason == "暴雨预警"
    assert event_a.cancelled_by == staff_a
    text = response.text
    assert "原因：暴雨预警" in text
    # No attendance or cancelling buttons on a cancelled event; the one without an
    # account is listed to be phoned.
    assert "staff-registration-attendance" not in text
    assert reverse("events:staff-registration-cancel", args=[event_a.pk, 1]) not in text
    assert "到场" not in text
    to_phone = response.context["to_phone"]
    assert [item["registration"].resident for item in to_phone] == [neighbours[0]]
    assert "请电话通知以下人员" in text


def test_attendance_cannot_be_marked_at_a_cancelled_event(client, staff_a, event_a, resident_a):
    registration = services.registration_create(event=event_a, resident=resident_a, by=None)
    services.event_cancel(event=event_a, by=staff_a, reason="场地维修")
    with pytest.raises(ValidationError) as refused:
        services.attendance_mark(
            registration=registration, attended=True, by=staff_a, now=event_a.starts_at
        )
    assert refused.value.code == "event_cancelled"


@pytest.mark.parametrize(
    ("action", "data"),
    [("staff-registration-cancel", {}), ("staff-registration-attendance", {"attended": "1"})],
)
def test_sign_up_actions_of_another_communitys_event_are_refused(
    client, staff_b, community_b, event_a, household_b, neighbours, action, data
):
    """A sign-up whose person lives in B is visible to B's staff, but B's staff do not
    manage A's event: cancelling (which would promote A's waiting list) or marking
    attendance answers 404 and changes nothing (issue 12.2)."""
    from tests.factories import ResidentFactory

    event_a.capacity = 1
    event_a.save()
    theirs = ResidentFactory(community=community_b, household=household_b, name="雅苑居民")
    signed = services.registration_create(event=event_a, resident=theirs, by=None)
    waiting = services.registration_create(event=event_a, resident=neighbours[0], by=None)
    client.force_login(staff_b)
    response = client.post(reverse(f"events:{action}", args=[event_a.pk, signed.pk]), data)
    assert response.status_code == 404
    assert neighbours[0].name not in response.text
    signed.refresh_from_db()
    waiting.refresh_from_db()
    assert signed.status == "confirmed" and signed.attended_at is None
    assert waiting.status == "waitlisted"


def test_sign_up_actions_of_a_sub_district_event_need_the_sub_district(
    client, staff_a, subdistrict_user, neighbours
):
    shared = EventFactory(community=None, title="街道运动会")
    signed = services.registration_create(event=shared, resident=neighbours[0], by=None)
    client.force_login(staff_a)
    url = reverse("events:staff-registration-cancel", args=[shared.pk, signed.pk])
    assert client.post(url).status_code == 403
    page = client.get(reverse("events:staff-event-detail", args=[shared.pk]))
    assert url not in page.text
    client.force_login(subdistrict_user)
    client.post(url, {"confirmed": "1"})  # past the confirmation step
    signed.refresh_from_db()
    assert signed.status == "cancelled"


# --- hours and certificates ---------------------------------------------------------------------


@pytest.fixture
def volunteer_service(community_a, resident_a):
    past = EventFactory(
        community=community_a,
        title="社区一日志愿者",
        starts_at=in_days(-20, hour=9),
        ends_at=in_days(-20, hour=13),
        volunteer_hours=Decimal("4"),
    )
    return Registration.objects.create(
        event=past,
        resident=resident_a,
        status="confirmed",
        attended_at=past.starts_at,
        hours=Decimal("4"),
    )


def test_hour_totals_per_person(client, staff_a, staff_b, volunteer_service, resident_a):
    client.force_login(staff_a)
    start = (timezone.localdate() - dt.timedelta(days=60)).isoformat()
    response = client.get(reverse("events:staff-hour-totals"), {"start": start})
    (row,) = response.context["rows"]
    assert row["person"] == resident_a and row["total_hours"] == Decimal("4")
    client.force_login(staff_b)
    assert not client.get(reverse("events:staff-hour-totals"), {"start": start}).context["rows"]


def test_certificate_is_issued_and_printable(client, staff_a, volunteer_service, resident_a):
    client.force_login(staff_a)
    url = reverse("events:staff-certificate-issue", args=[resident_a.pk])
    period = {
        "start": (timezone.localdate() - dt.timedelta(days=60)).isoformat(),
        "end": timezone.localdate().isoformat(),
    }
    preview = client.get(url, period)
    assert preview.context["total"] == Decimal("4")
    response = client.post(url, period)
    certificate = HourCertificate.objects.get()
    assert response.url == certificate.get_absolute_url()
    page = client.get(certificate.get_absolute_url())
    for expected in (
        certificate.number,
        resident_a.name,
        resident_a.id_number,  # community staff verify identity
        "社区一日志愿者",
        "4.0",
        str(staff_a),
    ):
        assert expected in page.text


def test_certificate_shows_a_masked_id_to_roles_that_do_not_verify_identity(
    client, doctor_a, staff_a, volunteer_service, resident_a
):
    certificate = services.hour_certificate_issue(
        resident=resident_a,
        start=timezone.localdate() - dt.timedelta(days=60),
        end=timezone.localdate(),
        by=staff_a,
    )
    client.force_login(doctor_a)
    page = client.get(certificate.get_absolute_url())
    assert resident_a.masked_id_number in page.text and resident_a.id_number not in page.text


def test_outsider_cannot_see_a_certificate(client, staff_a, staff_b, volunteer_service, resident_a):
    certificate = services.hour_certificate_issue(
        resident=resident_a,
        start=timezone.localdate() - dt.timedelta(days=60),
        end=timezone.localdate(),
        by=staff_a,
    )
    client.force_login(staff_b)
    assert client.get(certificate.get_absolute_url()).status_code == 404


def test_a_past_event_offers_no_sign_up_or_cancelling(client, staff_a, community_a):
    past = EventFactory(community=community_a, starts_at=in_days(-3), ends_at=in_days(-3, 16))
    client.force_login(staff_a)
    response = client.get(reverse("events:staff-event-detail", args=[past.pk]))
    assert reverse("events:staff-event-signup", args=[past.pk]) not in response.text
    assert reverse("events:staff-event-cancel", args=[past.pk]) not in response.text
    assert reverse("events:staff-attendee-export", args=[past.pk]) in response.text


def test_hour_totals_queries_do_not_grow(
    client, staff_a, community_a, django_assert_max_num_queries
):
    from tests.factories import ResidentFactory

    past = EventFactory(
        community=community_a,
        starts_at=in_days(-5),
        ends_at=in_days(-5, 16),
        capacity=None,
        volunteer_hours=Decimal("2"),
    )
    for _ in range(15):
        Registration.objects.create(
            event=past,
            resident=ResidentFactory(community=community_a),
            status="confirmed",
            attended_at=past.starts_at,
            hours=Decimal("2"),
        )
    client.force_login(staff_a)
    # session, user, count, page of totals, the page's people, session stamp (3)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("events:staff-hour-totals"))
    assert len(response.context["rows"]) == 15


def test_the_form_offers_to_change_the_rest_of_a_series(client, staff_a, community_a):
    client.force_login(staff_a)
    client.post(
        reverse("events:staff-event-create"),
        event_form_data(community_a, repeat="weekly", count="3"),
    )
    first, second, third = Event.objects.order_by("starts_at")
    data = event_form_data(
        community_a,
        place="新的地点",
        starts_at=timezone.localtime(second.starts_at).strftime(LOCAL),
        ends_at=timezone.localtime(second.ends_at).strftime(LOCAL),
        apply_to_following="on",
    )
    response = client.post(reverse("events:staff-event-update", args=[second.pk]), data)
    assert response.status_code == 302
    assert [e.place for e in Event.objects.order_by("starts_at")] == [
        first.place,
        "新的地点",
        "新的地点",
    ]
    last = client.get(reverse("events:staff-event-update", args=[third.pk]))
    assert "apply_to_following" not in last.context["form"].fields


def test_resident_picker_returns_at_most_30_in_a_fixed_number_of_queries(
    client, staff_a, community_a, django_assert_max_num_queries
):
    from tests.factories import ResidentFactory

    for n in range(40):
        ResidentFactory(community=community_a, name=f"王{n}")
    client.force_login(staff_a)
    # session, user, residents with their communities; savepoint, session stamp, release
    with django_assert_max_num_queries(6):
        response = client.get(reverse("registry:resident-options"), {"resident_search": "王"})
    assert response.text.count('<option value="') - response.text.count('<option value=""') == 30


def test_resident_picker_without_text_lists_nobody(client, staff_a, resident_a):
    client.force_login(staff_a)
    response = client.get(reverse("registry:resident-options"))
    assert resident_a.name not in response.text
