"""Community scoping (ASVS 5.0 8.2.2, 8.4.1): ``visible_to`` and ``get_visible_or_404`` on every
model that holds a community's records."""

import datetime as dt
import logging

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse

from assistance.catalogue import install_catalogue
from assistance.models import (
    Allocation,
    Application,
    Donation,
    Donor,
    Entitlement,
    MedicalClaim,
    MedicalFund,
    Programme,
    SpecialDisease,
)
from education.models import (
    CompletionCertificate,
    Course,
    CourseClass,
    DegreeEnrolment,
    DegreeExam,
    Enrolment,
    TrainingEntry,
    TrainingProgramme,
)
from portal.accounts.models import Role
from portal.accounts.scoping import CommunityScopedQuerySet, get_visible_or_404
from portal.events.models import Event, HourCertificate, Registration
from portal.notices.models import Notice, NoticeObjection
from portal.registry.models import Community, Compound, Household, RegistryImport, Resident
from portal.reports.models import ReportJob
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.notices.factories import NoticeFactory

SCOPED_MODELS = [
    Community,
    Compound,
    Household,
    Resident,
    Notice,
    Event,
    Registration,
    HourCertificate,
    ReportJob,
    RegistryImport,
    NoticeObjection,
    Application,
    Entitlement,
    MedicalClaim,
    Donor,
    Donation,
    Allocation,
    Course,
    CourseClass,
    Enrolment,
    CompletionCertificate,
    TrainingEntry,
    DegreeEnrolment,
    DegreeExam,
]


def test_the_table_lists_every_scoped_model():
    scoped = {
        model
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), CommunityScopedQuerySet)
    }
    assert scoped == set(SCOPED_MODELS)


@pytest.fixture
def world(resident_a, resident_b, compound_a, compound_b):
    """One record of each scoped model in each of communities A and B."""
    community_a, community_b = resident_a.community, resident_b.community
    events = (EventFactory(community=community_a), EventFactory(community=community_b))
    issuer = UserFactory(role=Role.SUBDISTRICT_STAFF)
    return {
        Community: (community_a, community_b),
        Compound: (compound_a, compound_b),
        Household: (resident_a.household, resident_b.household),
        Resident: (resident_a, resident_b),
        Notice: (NoticeFactory(community=community_a), NoticeFactory(community=community_b)),
        Event: events,
        Registration: tuple(
            Registration.objects.create(event=event, resident=resident, status="confirmed")
            for event, resident in zip(events, (resident_a, resident_b), strict=True)
        ),
        HourCertificate: tuple(
            HourCertificate.objects.create(
                number=f"ZYFW-TEST-{resident.pk:06d}",
                resident=resident,
                period_start=dt.date(2026, 1, 1),
                period_end=dt.date(2026, 6, 30),
                total_hours=3,
                issuer="居委会",
                issued_by=issuer,
            )
            for resident in (resident_a, resident_b)
        ),
        ReportJob: tuple(
            ReportJob.objects.create(kind="community_statistics", title="统计", community=c)
            for c in (community_a, community_b)
        ),
        RegistryImport: tuple(
            RegistryImport.objects.create(original_name="台账.xlsx", community=c)
            for c in (community_a, community_b)
        ),
        **_assistance_world(resident_a, resident_b),
        **_education_world(resident_a, resident_b, issuer),
    }


def _education_world(resident_a, resident_b, issuer):
    """A course with a class, an enrolment and its certificate, a training entry, and an
    adult-degree enrolment with an exam, in each resident's community."""
    from portal.events.models import EventSeries

    programme = TrainingProgramme.objects.create(code="t", name="培训", method="roster")
    rows: dict = {
        model: []
        for model in (
            Course,
            CourseClass,
            Enrolment,
            CompletionCertificate,
            TrainingEntry,
            DegreeEnrolment,
            DegreeExam,
        )
    }
    for n, resident in enumerate((resident_a, resident_b)):
        community = resident.community
        course = Course.objects.create(
            name="电脑",
            category="computer",
            community=community,
            teacher="李",
            place="中心",
            hours=10,
            capacity=10,
        )
        course_class = CourseClass.objects.create(
            course=course,
            name="春季班",
            series=EventSeries.objects.create(frequency="weekly", count=1),
            capacity=10,
            enrolment_closes_at="2026-03-01T08:00:00+08:00",
        )
        enrolment = Enrolment.objects.create(
            course_class=course_class, resident=resident, status="confirmed"
        )
        degree = DegreeEnrolment.objects.create(
            resident=resident,
            university="陕西师范大学",
            major="教育",
            level="high_to_junior",
            enrolled_on=dt.date(2026, 3, 1),
        )
        rows[Course].append(course)
        rows[CourseClass].append(course_class)
        rows[Enrolment].append(enrolment)
        rows[CompletionCertificate].append(
            CompletionCertificate.objects.create(
                number=f"JYZS-T-{n}",
                enrolment=enrolment,
                sessions_attended=1,
                sessions_held=1,
                issued_by=issuer,
            )
        )
        rows[TrainingEntry].append(
            TrainingEntry.objects.create(
                programme=programme,
                held_on=dt.date(2026, 3, 1),
                title="培训",
                community=community,
                person_times=5,
                persons=5,
                source="roster",
            )
        )
        rows[DegreeEnrolment].append(degree)
        rows[DegreeExam].append(
            DegreeExam.objects.create(enrolment=degree, subject="英语", sat_on=dt.date(2026, 6, 1))
        )
    return {model: tuple(pair) for model, pair in rows.items()}


def _assistance_world(*residents):
    """An objection, a case with its entitlement, a claim and a donor, donation and
    allocation in each resident's community."""
    install_catalogue(2026)
    programme = Programme.objects.get(code="dibao-urban")
    fund = MedicalFund.objects.create(
        year=2026, budget=100000, cap_per_person=20000, reimbursement_percent=70
    )
    rows: dict = {model: [] for model in (NoticeObjection, Application, Entitlement)}
    rows |= {model: [] for model in (MedicalClaim, Donor, Donation, Allocation)}
    for resident in residents:
        community, household = resident.community, resident.household
        rows[NoticeObjection].append(
            NoticeObjection.objects.create(
                notice=Notice.objects.get(community=community), text="异议"
            )
        )
        application = Application.objects.create(
            household=household,
            programme=programme,
            registration_type=household.registration_type,
            reason="困难",
            lookback_months=12,
        )
        rows[Application].append(application)
        rows[Entitlement].append(
            Entitlement.objects.create(
                application=application,
                reason="confirmed",
                effective_from=dt.date(2026, 2, 1),
                pays_from=dt.date(2026, 2, 1),
                monthly_amount=1000,
            )
        )
        rows[MedicalClaim].append(
            MedicalClaim.objects.create(
                fund=fund,
                patient=resident,
                disease=SpecialDisease.objects.first(),
                treated_from=dt.date(2026, 3, 1),
                treated_to=dt.date(2026, 3, 2),
                total_cost=1000,
                own_cost=500,
            )
        )
        donor = Donor.objects.create(kind="individual", name="捐赠人", community=community)
        donation = Donation.objects.create(
            donor=donor,
            kind="money",
            received_on=dt.date(2026, 1, 1),
            value=100,
            community=community,
        )
        rows[Donor].append(donor)
        rows[Donation].append(donation)
        rows[Allocation].append(
            Allocation.objects.create(
                donation=donation, household=household, value=50, allocated_on=dt.date(2026, 1, 2)
            )
        )
    return {model: tuple(pair) for model, pair in rows.items()}


def visible(model, user) -> set:
    return set(model.objects.visible_to(user))


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_community_staff_see_their_own_community_only(model, world, staff_a, doctor_a):
    a, _ = world[model]
    assert visible(model, staff_a) == {a}
    assert visible(model, doctor_a) == {a}


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_subdistrict_staff_see_every_community(model, world, subdistrict_user, admin_user):
    assert visible(model, subdistrict_user) == set(world[model])
    assert visible(model, admin_user) == set(world[model])


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_residents_visitors_and_inactive_accounts_see_nothing(
    model, world, resident_user, staff_a, subdistrict_user
):
    assert visible(model, resident_user) == set()
    assert visible(model, AnonymousUser()) == set()
    assert visible(model, None) == set()
    for user in (staff_a, subdistrict_user):
        user.is_active = False
        assert visible(model, user) == set()


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_a_community_role_without_a_community_sees_nothing(model, world):
    # Invalid (User.clean refuses it), but an account edited straight in the database must
    # fail closed rather than see everything.
    orphan = UserFactory(role=Role.CARE_STATION_OPERATOR, community=None)
    assert visible(model, orphan) == set()


def test_in_community_is_a_plain_filter(world, community_a):
    assert set(Resident.objects.in_community(community_a.pk)) == {world[Resident][0]}


def test_sub_district_wide_events_are_shared_with_every_community(world, staff_a, staff_b):
    shared = EventFactory(community=None)
    assert shared in visible(Event, staff_a) and shared in visible(Event, staff_b)


def test_a_sign_up_is_seen_by_the_event_community_and_the_persons(
    world, staff_a, staff_b, resident_b
):
    """B's resident at A's event: A's staff run the event, B's staff look after the person."""
    event_a = world[Event][0]
    crossing = Registration.objects.create(event=event_a, resident=resident_b, status="confirmed")
    assert crossing in visible(Registration, staff_a)
    assert crossing in visible(Registration, staff_b)


def test_sub_district_wide_notices_stay_with_the_sub_district(world, staff_a, subdistrict_user):
    shared = NoticeFactory(community=None)
    assert shared not in visible(Notice, staff_a)
    assert shared in visible(Notice, subdistrict_user)


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_get_visible_or_404_refuses_an_outsider_and_logs_it(model, world, staff_b, caplog):
    a, b = world[model]
    assert get_visible_or_404(model.objects.all(), staff_b, pk=b.pk) == b
    caplog.set_level(logging.WARNING, logger="portal.security")
    with pytest.raises(Http404):
        get_visible_or_404(model.objects.all(), staff_b, pk=a.pk)
    [record] = [r for r in caplog.records if r.name == "portal.security"]
    message = record.getMessage()
    assert message.startswith("access refused:")
    assert f"user={staff_b.pk}" in message
    assert model._meta.label in message
    assert f"'pk': '{a.pk}'" in message


def test_get_visible_or_404_logs_nothing_for_a_missing_object(world, staff_b, caplog):
    caplog.set_level(logging.WARNING, logger="portal.security")
    with pytest.raises(Http404):
        get_visible_or_404(Resident.objects.all(), staff_b, pk=987654)
    assert not [r for r in caplog.records if r.name == "portal.security"]


def test_moving_staff_to_another_community_takes_effect_on_the_next_request(
    client, resident_a, staff_a, community_b
):
    url = reverse("registry:resident-detail", args=[resident_a.pk])
    client.force_login(staff_a)
    assert client.get(url).status_code == 200
    staff_a.community = community_b
    staff_a.save()
    assert client.get(url).status_code == 404


def test_deactivating_staff_takes_effect_on_the_next_request(client, resident_a, staff_a):
    url = reverse("registry:resident-detail", args=[resident_a.pk])
    client.force_login(staff_a)
    assert client.get(url).status_code == 200
    staff_a.is_active = False
    staff_a.save()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
