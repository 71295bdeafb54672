"""The health app in real Chromium: a resident books a time slot on a phone (390 px) and
sees it in 我的预约; a family doctor records a hypertension follow-up and reads the next
due date the national decision table set."""

import datetime as dt

import pytest
from django.utils import timezone

from health.models import Booking, FollowUp, Patient
from tests.health.helpers import make_slot, make_team, make_timetable

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_books_a_slot_on_a_phone(phone, community_a, resident_a, resident_user):
    resident_user.resident = resident_a
    resident_user.save()
    team = make_team(community_a)
    slot = make_slot(make_timetable(team.facility), days_ahead=2)
    phone.log_in(resident_user, "/health/book/")
    assert phone.page.locator(f"#slot-{slot.pk}").is_visible()
    assert phone.fits_the_screen()
    phone.shot("slots")
    phone.page.click(f"#slot-{slot.pk} button[type=submit]")
    phone.page.wait_for_url("**/health/my-bookings/")
    booking = Booking.objects.unscoped().get(slot=slot, resident=resident_a)
    assert phone.page.locator(f"#booking-{booking.pk}").is_visible()
    assert "我的预约" in phone.page.content()
    assert phone.fits_the_screen()
    phone.shot("my-bookings")
    assert not phone.errors


def test_a_doctor_records_a_follow_up(desktop, community_a, resident_a, doctor_a):
    team = make_team(community_a, doctor=doctor_a)
    patient = Patient.objects.create(
        resident=resident_a,
        condition="hypertension",
        team=team,
        registered_on=dt.date(2025, 6, 1),
        next_due=timezone.localdate(),
    )
    desktop.log_in_as_staff(doctor_a)
    desktop.go(f"/staff/health/patients/{patient.pk}/follow-up/")
    desktop.page.select_option("#id_method", "home")
    desktop.page.fill("#id_systolic", "150")
    desktop.page.fill("#id_diastolic", "95")
    desktop.page.check("input[name=symptoms][value=headache]")
    desktop.page.click("form input[type=submit][name=save]")
    desktop.page.wait_for_url("**/staff/health/follow-ups/*/")
    expected = timezone.localdate() + dt.timedelta(days=14)
    assert desktop.page.locator("#next-due").inner_text() == expected.isoformat()
    assert FollowUp.objects.unscoped().get().classification == "unsatisfied"
    desktop.shot("recorded")
    assert not desktop.errors
