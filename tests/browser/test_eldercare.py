"""Elder care in real Chromium: a community worker records a GB/T 42195 assessment; a
volunteer logs a visit from a phone (390 px) and the worker approves it; a lapsed pairing's
alert reaches the worker's inbox."""

import datetime as dt

import pytest

from eldercare import rules
from eldercare.models import Assessment, Living, Pairing, Visit, VisitStatus, Volunteer
from eldercare.services.volunteers import lapses_check
from portal.accounts.models import Role
from tests.eldercare.conftest import elder
from tests.factories import ResidentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recording_an_assessment(desktop, community_a, staff_a):
    person = elder(community_a, dt.date(1941, 6, 1), name="钱阿婆", living=Living.ALONE)
    desktop.log_in_as_staff(staff_a)
    desktop.go(f"/staff/eldercare/assessments/new/?elder={person.pk}")
    page = desktop.page
    page.fill("#id_assessor_name", "评估员丁")
    page.select_option("#id_reason", "first")
    for item in rules.ITEMS:
        page.select_option(f"#id_{item.code}", str(item.maximum))
    page.select_option("#id_b1_bathing", "0")  # 90 − 4 = 86 → 轻度
    page.check("#id_cognitive_disorder")  # + one level → 中度
    page.click("input[type=submit][name=save]")
    page.wait_for_url("**/staff/eldercare/assessments/*/")
    assert "86 / 90" in page.inner_text("#assessment-total")
    assessment = Assessment.objects.unscoped().get(elder=person)
    assert (assessment.total, assessment.level) == (86, 2)
    assert not desktop.errors


def test_a_volunteer_logs_a_visit_on_a_phone(phone, desktop, community_a, staff_a):
    person = elder(community_a, dt.date(1941, 6, 1), name="孙阿公", living=Living.ALONE)
    helper = ResidentFactory(community=community_a, name="义工小周")
    volunteer = Volunteer.objects.create(resident=helper, registered_on=dt.date(2026, 1, 1))
    pairing = Pairing.objects.create(
        elder=person, volunteer=volunteer, interval_days=7, started_on=dt.date(2026, 1, 1)
    )
    account = UserFactory(username="xiaozhou", role=Role.RESIDENT, resident=helper)
    phone.log_in(account, "/eldercare/my-visits/")
    assert phone.fits_the_screen()
    phone.page.click("#my-pairings a")
    phone.page.fill("#id_hours", "1.5")
    phone.page.fill("#id_notes", "陪老人散步")
    assert phone.fits_the_screen()
    phone.page.click("input[type=submit][name=save]")
    phone.page.wait_for_url("**/eldercare/my-visits/")
    visit = Visit.objects.unscoped().get(pairing=pairing)
    assert visit.status == VisitStatus.SUBMITTED
    desktop.log_in_as_staff(staff_a)
    desktop.go("/staff/eldercare/pairings/")
    desktop.page.click(f"#visit-{visit.pk} button[value=approve]")
    desktop.page.wait_for_load_state()
    visit.refresh_from_db()
    assert visit.status == VisitStatus.APPROVED
    assert not phone.errors


def test_the_lapse_alert_reaches_the_inbox(desktop, community_a, staff_a):
    person = elder(community_a, dt.date(1941, 6, 1), name="李阿婆", living=Living.ALONE)
    volunteer = Volunteer.objects.create(
        resident=ResidentFactory(community=community_a, name="义工小王"),
        registered_on=dt.date(2026, 1, 1),
    )
    Pairing.objects.create(
        elder=person, volunteer=volunteer, interval_days=7, started_on=dt.date(2026, 1, 1)
    )
    assert lapses_check() == 1
    assert lapses_check() == 0
    desktop.log_in_as_staff(staff_a)
    desktop.go("/inbox/")
    text = desktop.page.inner_text("main")
    assert text.count("探访逾期：李阿婆") == 1  # one message: the subject of the one alert
