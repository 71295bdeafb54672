"""The education pages: who may open them, what they do, and their query budgets."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from education.models import (
    ColumnPost,
    CompletionCertificate,
    Enrolment,
    EnrolmentStatus,
    ProgrammeTarget,
    TrainingEntry,
)
from education.services import courses as services
from portal.events.models import Registration
from portal.reports.models import ReportJob
from tests.conftest import client_for
from tests.education.fixtures import enrol, learners, open_class

pytestmark = pytest.mark.django_db


@pytest.fixture
def running_class(course, coordinator):
    """A class whose first session started an hour ago (attendance can be marked)."""
    first = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    return open_class(course, coordinator, count=4, first=first)


@pytest.fixture
def future_class(course, coordinator):
    first = timezone.now().replace(microsecond=0) + dt.timedelta(days=7)
    return open_class(course, coordinator, count=4, first=first, name="明年班")


@pytest.fixture
def finished_class(course, coordinator):
    first = timezone.now().replace(microsecond=0) - dt.timedelta(weeks=6)
    return open_class(course, coordinator, count=5, first=first, name="冬季班")


def _enrol_at(course_class, residents, by):
    return [
        services.enrolment_create(
            course_class=course_class,
            resident=r,
            by=by,
            now=course_class.sessions().first().starts_at - dt.timedelta(days=1),
        )
        for r in residents
    ]


# --- who may open what --------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, course):
    for name in ("course-list", "programme-list", "group-list", "discover", "degree-list"):
        response = client.get(reverse(f"education:{name}"))
        assert response.status_code == 302 and "/accounts/login/" in response.url
    response = client.get(reverse("education:course-detail", args=[course.pk]))
    assert response.status_code == 302


def test_outsider_staff_get_404_on_another_communitys_class(client, staff_b, course_class):
    client_for(client, staff_b)
    assert client.get(course_class.get_absolute_url()).status_code == 404
    assert client.get(course_class.course.get_absolute_url()).status_code == 404


def test_community_staff_see_their_learners_only(
    client, staff_a, staff_b, course_class, community_a, community_b, coordinator
):
    course_class.course.community = None  # a sub-district course: both may open it
    course_class.course.save()
    [a] = learners(community_a, 1)
    [b] = learners(community_b, 1)
    enrol(course_class, [a, b], coordinator)
    client_for(client, staff_b)
    page = client.get(course_class.get_absolute_url()).content.decode()
    assert b.name in page and a.name not in page


def test_programme_pages_are_the_coordinators(client, staff_a, programmes):
    client_for(client, staff_a)
    assert client.get(reverse("education:programme-list")).status_code == 403
    programme = programmes["farmer_skills"]
    assert client.get(programme.get_absolute_url()).status_code == 403


# --- what the pages do ------------------------------------------------------------------------


def test_marking_attendance_on_the_session_page(client, coordinator, running_class, community_a):
    residents = learners(community_a, 2)
    _enrol_at(running_class, residents, coordinator)
    session = running_class.sessions().first()
    url = reverse("education:session-attendance", args=[running_class.pk, session.pk])
    client_for(client, coordinator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"present": [residents[0].pk]})
    assert response.status_code == 302
    attended = Registration.objects.attended().filter(event=session).unscoped()
    assert list(attended.values_list("resident", flat=True)) == [residents[0].pk]
    # A stranger's id is refused, nothing else changes.
    [stranger] = learners(community_a, 1)
    client.post(url, {"present": [residents[0].pk, stranger.pk]})
    assert attended.count() == 1


def test_community_staff_cannot_mark_a_sub_district_class(
    client, staff_a, coordinator, running_class, community_a
):
    running_class.course.community = None
    running_class.course.save()
    [resident] = learners(community_a, 1)
    _enrol_at(running_class, [resident], coordinator)
    session = running_class.sessions().first()
    url = reverse("education:session-attendance", args=[running_class.pk, session.pk])
    client_for(client, staff_a)
    assert client.get(url).status_code == 200
    assert client.post(url, {"present": [resident.pk]}).status_code == 403


def test_issuing_and_printing_a_certificate(client, coordinator, finished_class, community_a):
    [above, below] = learners(community_a, 2)
    enrolments = _enrol_at(finished_class, [above, below], coordinator)
    for resident, sessions in ((above, 4), (below, 3)):  # 80 % of 5 is 4
        for session in list(finished_class.sessions())[:sessions]:
            services.session_attendance_mark(
                session=session,
                resident=resident,
                attended=True,
                by=coordinator,
                now=session.starts_at,
            )
    client_for(client, coordinator)
    response = client.post(reverse("education:certificate-issue", args=[enrolments[1].pk]))
    assert response.status_code == 302 and not CompletionCertificate.objects.exists()
    response = client.post(reverse("education:certificate-issue", args=[enrolments[0].pk]))
    certificate = CompletionCertificate.objects.get()
    assert response.url == certificate.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert certificate.number in page and "4 / 5" in page


def test_a_resident_enrols_and_sees_my_courses(client, resident_user, resident_a, future_class):
    resident_user.resident = resident_a
    resident_user.save()
    client.force_login(resident_user)
    listing = client.get(reverse("education:public-courses")).content.decode()
    assert future_class.course.name in listing
    response = client.post(reverse("education:public-enrol", args=[future_class.pk]))
    assert response.url == reverse("education:my-courses")
    enrolment = Enrolment.objects.unscoped().get(resident=resident_a)
    assert enrolment.status == EnrolmentStatus.CONFIRMED
    assert future_class.course.name in client.get(response.url).content.decode()
    # Twice: refused, still one.
    client.post(reverse("education:public-enrol", args=[future_class.pk]))
    assert Enrolment.objects.unscoped().filter(resident=resident_a).count() == 1


def test_an_unlinked_resident_cannot_enrol(client, resident_user, future_class):
    client.force_login(resident_user)
    client.post(reverse("education:public-enrol", args=[future_class.pk]))
    assert not Enrolment.objects.unscoped().exists()


def test_a_resident_cannot_cancel_anothers_enrolment(
    client, resident_user, course_class, community_a, coordinator, resident_a
):
    resident_user.resident = resident_a
    resident_user.save()
    [other] = learners(community_a, 1)
    [enrolment] = enrol(course_class, [other], coordinator)
    client.force_login(resident_user)
    url = reverse("education:my-enrolment-cancel", args=[enrolment.pk])
    assert client.post(url, {"confirmed": "1"}).status_code == 404


def test_a_target_set_twice_on_the_form(client, coordinator, programmes):
    programme = programmes["farmer_skills"]
    url = reverse("education:target-set", args=[programme.pk])
    client_for(client, coordinator)
    assert client.post(url, {"year": 2026, "target": 18000}).status_code == 302
    response = client.post(url, {"year": 2026, "target": 100})
    assert response.status_code == 200
    assert ProgrammeTarget.objects.get().target == 18000


@pytest.mark.parametrize("held_on", ["", "0001-01-01", "9999-12-31", "2025-12-31"])
def test_an_entry_without_a_date_in_the_year_on_the_form(client, coordinator, programmes, held_on):
    url = reverse("education:entry-create", args=[programmes["sending_teaching"].pk])
    client_for(client, coordinator)
    response = client.post(
        url,
        {
            "year": 2026,
            "held_on": held_on,
            "title": "送教下乡",
            "person_times": 30,
            "persons": 30,
        },
    )
    assert response.status_code == 200
    assert not TrainingEntry.objects.exists()


def test_importing_a_partners_list(client, coordinator, programmes):
    book = Workbook()
    sheet = book.active
    sheet.append(["日期", "名称", "人次", "人数"])
    sheet.append([dt.date(timezone.localdate().year, 1, 5), "远程研修第1期", 300, 280])
    sheet.append(["2020-01-01", "过期", 10, 10])
    buffer = io.BytesIO()
    book.save(buffer)
    url = reverse("education:entry-import", args=[programmes["teacher_distance"].pk])
    client_for(client, coordinator)
    data = {"year": timezone.localdate().year, "partner": "县教师进修学校"}
    upload = SimpleUploadedFile("list.xlsx", buffer.getvalue())
    response = client.post(url, {**data, "file": upload})
    assert response.status_code == 200 and "3" in response.content.decode()
    assert not TrainingEntry.objects.exists()
    sheet.delete_rows(3)
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("list.xlsx", buffer.getvalue())
    assert client.post(url, {**data, "file": upload}).status_code == 302
    assert TrainingEntry.objects.get().person_times == 300
    # Not a workbook at all.
    upload = SimpleUploadedFile("list.xlsx", b"not a workbook")
    assert client.post(url, {**data, "file": upload}).status_code == 200


def test_the_yearly_workbook_is_a_report_job(
    client, coordinator, programmes, django_capture_on_commit_callbacks
):
    client_for(client, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("education:programme-report"), {"year": 2026})
    job = ReportJob.objects.get()
    assert response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert job.kind == "education_programmes" and job.status == "done"


def test_the_public_column(client, coordinator):
    post = ColumnPost.objects.create(title="油菜田间管理", category="technique", body="……")
    hidden = ColumnPost.objects.create(title="撤下的", category="market", body="……", withdrawn=True)
    page = client.get(reverse("education:column")).content.decode()
    assert post.title in page and hidden.title not in page
    assert client.get(post.get_absolute_url()).status_code == 200
    assert client.get(reverse("education:column-detail", args=[hidden.pk])).status_code == 404


# --- query budgets --------------------------------------------------------------------------


def _many(course, coordinator, community_a, number):
    course_class = open_class(course, coordinator, name=f"班{number}")
    course_class.capacity = 50
    course_class.save()
    _enrol_at(course_class, learners(community_a, number), coordinator)
    return course_class


@pytest.mark.parametrize("number", [1, 6])
def test_list_pages_query_budgets(
    client, coordinator, course, community_a, programmes, number, django_assert_max_num_queries
):
    course_class = _many(course, coordinator, community_a, number)
    client_for(client, coordinator)
    # Measured the same for one learner as for six (the second parameter). The base of
    # a staff page: session, user, the menu and the staff panels' counts (about 4).
    budgets = {
        # base + courses count + page (with community and programme joined)
        reverse("education:course-list"): 7,
        # base + class + sessions + learners + attendance counts + confirmed count
        course_class.get_absolute_url(): 10,
        # base + programmes + targets + one query of records per programme (7)
        reverse("education:programme-list"): 28,
        # base + 3 per learner group (members, person-times, persons) × 5
        reverse("education:group-list"): 20,
        # base + count + page
        reverse("education:degree-list"): 6,
        # base + one count per week shown (8) + count + page
        reverse("education:post-list"): 14,
        # base + communities + 15 per community + classes, attendance, sessions +
        # programmes with their records
        reverse("education:discover"): 47,
        # the programme's months: base + target + records + entries
        reverse("education:programme-detail", args=[programmes["labour_transfer"].pk]): 9,
        reverse("education:elderly"): 7,
        # public: session, user, the classes open with their counts
        reverse("education:public-courses"): 6,
        reverse("education:column"): 6,
    }
    for url, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("classes", [1, 4])
def test_my_courses_query_budget(
    client, resident_user, resident_a, course, coordinator, classes, django_assert_max_num_queries
):
    """Session, user, the resident, enrolments (with class, course and certificate), held
    sessions per class, attended sessions per class: the same for one class as for four."""
    resident_user.resident = resident_a
    resident_user.save()
    first = timezone.now().replace(microsecond=0) + dt.timedelta(days=3)
    for n in range(classes):
        course_class = open_class(course, coordinator, count=3, first=first, name=f"班{n}")
        services.enrolment_create(course_class=course_class, resident=resident_a, by=coordinator)
    client.force_login(resident_user)
    with django_assert_max_num_queries(7):
        page = client.get(reverse("education:my-courses")).content.decode()
    assert page.count("已报名") >= classes
