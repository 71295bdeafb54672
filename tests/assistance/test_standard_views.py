"""The standards page (history for caseworkers, the add form for the sub-district, the
recompute it starts) and the payment roster page (asking for the workbook as a report
job within one's scope, and the file it builds).

Assertions are on status codes, records and ids, not on interface text, so that they
hold before the Chinese catalogue has these strings.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from assistance.catalogue import install_catalogue
from assistance.models import Application, Entitlement, Programme, Standard, Status
from assistance.roster import roster_title
from assistance.services import applications as services
from portal.core.jobs import JobStatus
from portal.registry.masking import mask_name
from portal.reports.models import ReportJob
from tests.assistance.conftest import add_income, at, close_rosters, walk_to_publicity
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

STANDARDS = reverse("assistance:standard-list")
ROSTER = reverse("assistance:roster")
# The standards page for the sub-district, whatever the number of rows:
#  1. the session               2. the user
#  3. the programmes            4. their standards (one prefetch)
#  5. the programmes the add form offers
#  6-8. SAVEPOINT, UPDATE django_session (the staff idle-timeout stamp), RELEASE SAVEPOINT:
#     the test runs inside a transaction; in production this is the UPDATE alone.
STANDARDS_QUERIES = 8
# The roster page for the sub-district, whatever the number of jobs:
#  1. the session               2. the user
#  3. the communities the form offers
#  4. COUNT(*) for the paginator
#  5. the page of jobs with who asked for them
#  6. the cases in payment without a payable account (the first 20, with their heads)
#  7. the last months paid (closed), with who closed them
#  8-10. the idle-timeout stamp, as above.
ROSTER_QUERIES = 10


def paying_case(programmes, household, staff, confirmer) -> Application:
    """张伟's urban 低保 case: applied 5 January 2026, 公示 from 8 January, confirmed on
    22 January, paid from February (1910 a month; 2158 from March under the raise the
    catalogue holds)."""
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=household, programme=programmes["dibao-urban"], by=staff, reason="户主失业"
        )
    add_income(application, "18000", member=application.members.get(resident__name="张伟"))
    walk_to_publicity(application, staff, dt.date(2026, 1, 8))
    with time_machine.travel(at(dt.date(2026, 1, 22)), tick=False):
        services.application_advance(application=application, to="confirmed", by=confirmer)
    services.payments_start(dt.date(2026, 2, 1))
    application.refresh_from_db()
    assert application.status == Status.PAYING
    return application


def standard_form(programme, **fields) -> dict:
    return {
        "programme": programme.pk,
        "registration_type": "urban",
        "care_tier": "",
        "monthly_amount": "1250",
        "effective_from": "2026-04",
        "document": "甬民发〔2026〕9号",
    } | fields


def rows_by_state(response) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    for item in response.context["programmes"]:
        for row in item.rows:
            standard = row.standard
            found.setdefault(row.state, []).append(
                (
                    item.programme.code,
                    standard.registration_type,
                    standard.care_tier,
                    standard.monthly_amount,
                    standard.effective_from,
                )
            )
    return found


# --- standards: who may do what -------------------------------------------------------------------


@pytest.mark.parametrize("url", [STANDARDS, ROSTER])
def test_anonymous_visitors_are_sent_to_log_in(client, db, url):
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url", [STANDARDS, ROSTER])
@pytest.mark.parametrize("persona", ["resident_user", "doctor_a"])
def test_residents_and_doctors_are_refused(client, request, url, persona):
    client_for(client, request.getfixturevalue(persona))
    assert client.get(url).status_code == 403
    assert client.post(url, {"month": "2026-01"}).status_code == 403
    assert not ReportJob.objects.exists()


def test_community_staff_see_the_standards_but_cannot_add_one(client, staff_a, programmes):
    client_for(client, staff_a)
    page = client.get(STANDARDS)
    assert page.status_code == 200
    assert page.context["form"] is None
    assert 'id="standard-add"' not in page.text
    count = Standard.objects.count()
    assert client.post(STANDARDS, standard_form(programmes["dibao-urban"])).status_code == 403
    assert Standard.objects.count() == count


def test_the_standards_in_force_today_are_marked(client, subdistrict_user, programmes):
    with time_machine.travel(at(dt.date(2026, 2, 10)), tick=False):
        page = client_for(client, subdistrict_user).get(STANDARDS)
    assert page.status_code == 200
    states = rows_by_state(page)
    urban = [row for row in states["in_force"] if row[0] == "dibao-urban"]
    assert urban == [("dibao-urban", "urban", "", Decimal("1100.00"), dt.date(2025, 7, 1))]
    assert ("dibao-urban", "urban", "", Decimal("1180.00"), dt.date(2026, 3, 1)) in states[
        "upcoming"
    ]
    # Each care tier of 特困 support has its own amount in force.
    home = [row for row in states["in_force"] if row[0] == "destitute-home"]
    assert sorted(row[2] for row in home) == ["", "full", "partial", "self_care"]
    assert states.get("past", []) == []
    # Every programme is listed, those without standards of their own too.
    assert len(page.context["programmes"]) == Programme.objects.count()


def test_the_add_form_offers_programmes_with_standards_of_their_own(
    client, subdistrict_user, programmes
):
    page = client_for(client, subdistrict_user).get(STANDARDS)
    offered = {p.code for p in page.context["form"].fields["programme"].queryset}
    assert "dibao-urban" in offered
    assert not offered & {"temporary-emergency", "temporary-expense", "special-disease"}


# --- standards: adding one ------------------------------------------------------------------------


def test_sub_district_adds_a_standard_and_the_amounts_are_recomputed(
    client,
    programmes,
    zhang_household,
    staff_a,
    subdistrict_user,
    django_capture_on_commit_callbacks,
):
    application = paying_case(programmes, zhang_household, staff_a, subdistrict_user)
    client_for(client, subdistrict_user)
    # Entered on 20 April for April, whose roster is paid: paid from May, April back-paid.
    close_rosters(dt.date(2026, 2, 1), dt.date(2026, 4, 1), subdistrict_user)
    with (
        time_machine.travel(at(dt.date(2026, 4, 20)), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(STANDARDS, standard_form(programmes["dibao-urban"]))
    assert response.status_code == 302
    assert response["Location"] == STANDARDS
    standard = Standard.objects.get(
        effective_from=dt.date(2026, 4, 1), programme__code="dibao-urban"
    )
    assert (standard.monthly_amount, standard.created_by, standard.document) == (
        Decimal("1250.00"),
        subdistrict_user,
        "甬民发〔2026〕9号",
    )
    raised = Entitlement.objects.get(application=application, standard=standard)
    # (1250 − 500) × 3 + 125 = 2375 from May; April paid 2158, so 217 back-pay.
    assert (raised.pays_from, raised.monthly_amount, raised.arrears) == (
        dt.date(2026, 5, 1),
        Decimal("2375.00"),
        Decimal("217.00"),
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"effective_from": "2026-03"}, None),  # the catalogue has March already
        ({"effective_from": "2026-13"}, "effective_from"),
        ({"effective_from": "三月"}, "effective_from"),
        ({"effective_from": ""}, "effective_from"),
        ({"monthly_amount": "0"}, "monthly_amount"),
        ({"monthly_amount": "-100"}, "monthly_amount"),
        ({"care_tier": "full"}, "care_tier"),  # only 特困 support has care tiers
        ({"registration_type": "rural"}, "registration_type"),  # an urban programme
    ],
)
def test_bad_standards_are_refused_and_nothing_written(
    client, subdistrict_user, programmes, fields, field
):
    count = Standard.objects.count()
    client_for(client, subdistrict_user)
    response = client.post(STANDARDS, standard_form(programmes["dibao-urban"], **fields))
    assert response.status_code == 200
    form = response.context["form"]
    if field is None:
        assert form.non_field_errors()
    else:
        assert field in form.errors
    assert 'id="error-summary"' in response.text
    assert Standard.objects.count() == count


def test_standards_page_query_count_does_not_grow_with_rows(
    client, subdistrict_user, django_assert_num_queries
):
    programme = Programme.objects.create(code="dibao-urban", name="城市低保", rule="subsistence")
    Standard.objects.create(
        programme=programme, monthly_amount=Decimal("1100"), effective_from=dt.date(2025, 7, 1)
    )
    client_for(client, subdistrict_user)
    with django_assert_num_queries(STANDARDS_QUERIES):
        assert len(client.get(STANDARDS).context["programmes"]) == 1
    install_catalogue(2026)
    with django_assert_num_queries(STANDARDS_QUERIES):
        assert len(client.get(STANDARDS).context["programmes"]) > 5


# --- roster -----------------------------------------------------------------------------------


@pytest.fixture
def march(db):
    with time_machine.travel(at(dt.date(2026, 3, 10)), tick=False):
        yield dt.date(2026, 3, 1)


def test_community_staff_ask_for_their_communitys_roster(client, march, staff_a, community_a):
    client_for(client, staff_a)
    page = client.get(ROSTER)
    assert page.status_code == 200
    assert page.context["form"]["month"].value() == "2026-02"  # last month by default
    response = client.post(ROSTER, {"month": "2026-02", "community": community_a.pk})
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.kind, job.community, job.params, job.requested_by, job.full_identity) == (
        "assistance_roster",
        community_a,
        {"month": "2026-02"},
        staff_a,
        False,
    )
    assert job.title == roster_title(dt.date(2026, 2, 1), community_a)
    assert "2026-02" in job.selection and community_a.name in job.selection


@pytest.mark.parametrize("month", ["2026-05", "2027-01", "2026-13", "三月", ""])
def test_a_month_after_next_or_not_a_month_is_refused(client, march, subdistrict_user, month):
    client_for(client, subdistrict_user)
    response = client.post(ROSTER, {"month": month, "community": ""})
    assert response.status_code == 200
    assert "month" in response.context["form"].errors
    assert not ReportJob.objects.exists()


def test_this_months_roster_may_be_asked_for(client, march, subdistrict_user):
    client_for(client, subdistrict_user)
    assert client.post(ROSTER, {"month": "2026-03", "community": ""}).status_code == 302
    assert ReportJob.objects.get().community is None


def test_next_months_roster_may_be_prepared_and_is_named_in_chinese(
    client, march, subdistrict_user, community_a
):
    from assistance.roster import build_roster

    client_for(client, subdistrict_user)
    assert client.post(ROSTER, {"month": "2026-04", "community": ""}).status_code == 302
    job = ReportJob.objects.get()
    assert build_roster(job).filename == "救助金发放花名册-2026年4月-全街道.xlsx"


def test_the_sub_district_closes_a_paid_month_once(client, march, subdistrict_user, staff_a):
    from assistance.models import RosterMonth

    close = reverse("assistance:roster-close")
    client_for(client, staff_a)
    assert client.get(ROSTER).context["closing"] is None  # community staff: no form
    assert client.post(close, {"close-month": "2026-02", "close-confirm": "on"}).status_code == 403
    client_for(client, subdistrict_user)
    page = client.get(ROSTER)
    assert page.context["closing"]["month"].value() == "2026-03"  # nothing closed: this month
    # Without ticking the confirmation nothing is closed.
    client.post(close, {"close-month": "2026-02"})
    assert not RosterMonth.objects.exists()
    response = client.post(close, {"close-month": "2026-02", "close-confirm": "on"}, follow=True)
    assert "2026年2月的花名册已关账：0户，0.00 元。" in response.text
    assert response.context["first_unpaid"] == dt.date(2026, 3, 1)
    response = client.post(close, {"close-month": "2026-02", "close-confirm": "on"}, follow=True)
    assert "不能重复关闭" in response.text
    assert RosterMonth.objects.count() == 1


def test_community_staff_cannot_ask_for_another_community_or_the_sub_district(
    client, march, staff_a, community_a, community_b
):
    client_for(client, staff_a)
    field = client.get(ROSTER).context["form"].fields["community"]
    choices = [value for value, _label in field.choices]
    assert choices == [str(community_a.pk)]
    for community in ("", community_b.pk):
        response = client.post(ROSTER, {"month": "2026-02", "community": community})
        assert response.status_code == 200
        assert "community" in response.context["form"].errors
    assert not ReportJob.objects.exists()


def test_the_full_identity_box_is_only_for_identity_roles(
    client, march, subdistrict_user, admin_user
):
    client_for(client, subdistrict_user)
    assert "full_identity" in client.get(ROSTER).context["form"].fields
    client.post(ROSTER, {"month": "2026-02", "community": "", "full_identity": "on"})
    assert ReportJob.objects.get(requested_by=subdistrict_user).full_identity is True

    # The administrator handles accounts, not identities: no box, and a forged one is ignored.
    client_for(client, admin_user)
    assert "full_identity" not in client.get(ROSTER).context["form"].fields
    client.post(ROSTER, {"month": "2026-02", "community": "", "full_identity": "on"})
    assert ReportJob.objects.get(requested_by=admin_user).full_identity is False


@pytest.mark.parametrize("full_identity", [True, False])
def test_the_built_roster_opens_and_lists_the_household(
    client,
    programmes,
    zhang_household,
    staff_a,
    subdistrict_user,
    django_capture_on_commit_callbacks,
    full_identity,
):
    paying_case(programmes, zhang_household, staff_a, subdistrict_user)
    head = zhang_household.members.get(name="张伟")
    client_for(client, subdistrict_user)
    with (
        time_machine.travel(at(dt.date(2026, 3, 10)), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        form = {"month": "2026-02", "community": ""}
        response = client.post(ROSTER, form | ({"full_identity": "on"} if full_identity else {}))
        job = ReportJob.objects.get()
        assert response["Location"] == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, job.row_count) == (JobStatus.DONE, 1)
    with time_machine.travel(at(dt.date(2026, 3, 10)), tick=False):
        download = client.get(reverse("reports:job-download", args=[job.pk]))
    assert download.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True)
    cells = [cell for row in book.worksheets[0].iter_rows(values_only=True) for cell in row]
    assert 1910 in cells
    if full_identity:
        assert head.name in cells and head.id_number in cells
    else:
        assert mask_name(head.name) in cells
        assert head.name not in cells and head.id_number not in cells


def test_the_list_shows_the_rosters_the_user_may_open(
    client, march, staff_a, staff_b, community_a, community_b
):
    def job(community, kind="assistance_roster", **fields):
        return ReportJob.objects.create(
            kind=kind, title="花名册", community=community, params={"month": "2026-02"}, **fields
        )

    ours, theirs = job(community_a), job(community_b)
    whole = job(None)
    statistics = job(community_a, kind="community_statistics")
    page = client_for(client, staff_a).get(ROSTER)
    assert [j.pk for j in page.context["page_obj"]] == [ours.pk]
    for hidden in (theirs, whole, statistics):
        assert f'id="report-{hidden.pk}"' not in page.text


def test_roster_page_query_count_does_not_grow_with_rows(
    client, march, subdistrict_user, community_a, django_assert_num_queries
):
    def jobs(n):
        for _ in range(n):
            ReportJob.objects.create(
                kind="assistance_roster",
                title="花名册",
                community=community_a,
                params={"month": "2026-02"},
                requested_by=subdistrict_user,
            )

    client_for(client, subdistrict_user)
    jobs(1)
    with django_assert_num_queries(ROSTER_QUERIES):
        assert len(client.get(ROSTER).context["page_obj"]) == 1
    jobs(30)
    with django_assert_num_queries(ROSTER_QUERIES):
        assert len(client.get(ROSTER).context["page_obj"]) == 20
