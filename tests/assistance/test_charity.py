"""Charity (慈善): donors, donations, what is given out and the public totals; the staff
pages with their scope, masking and query budgets.

Assertions are on error codes, ids and status codes rather than on text, so that they
hold in Chinese and in English.
"""

import datetime as dt
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistance.models import Allocation, Donation, Donor
from assistance.services import charity
from tests.assistance.conftest import at
from tests.concurrency import run_at_once
from tests.factories import CommunityFactory, HouseholdFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)
# A valid unified social credit code (统一社会信用代码), check character included.
CREDIT_CODE = "91110108551385082Q"


@pytest.fixture(autouse=True)
def mid_june():
    with time_machine.travel(at(TODAY), tick=False):
        yield


@pytest.fixture
def donor_a(staff_a):
    return charity.donor_create(
        kind="enterprise",
        name="东南超市有限公司",
        credit_code=CREDIT_CODE,
        contact="周经理",
        phone="13912345678",
        by=staff_a,
    )


@pytest.fixture
def donation_a(donor_a, staff_a):
    return charity.donation_record(
        donor=donor_a,
        kind="money",
        purpose="poverty",
        received_on=dt.date(2026, 1, 20),
        value=Decimal("5000"),
        by=staff_a,
    )


def refusal(call, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    error = caught.value
    if hasattr(error, "error_dict"):
        return next(iter(error.error_dict))  # the field a model check named
    return error.error_list[0].code


def give(donation, by, **overrides):
    values = {
        "donation": donation,
        "project": "春节走访慰问",
        "value": Decimal("1000"),
        "allocated_on": dt.date(2026, 2, 1),
        "by": by,
    }
    values.update(overrides)
    return charity.allocation_create(**values)


# --- donors and donations -----------------------------------------------------------------------


def test_community_staff_record_for_their_own_community(staff_a, community_a, community_b):
    donor = charity.donor_create(
        kind="individual", name="陈先生", community=community_b, by=staff_a
    )
    assert donor.community == community_a
    donation = charity.donation_record(
        donor=donor,
        kind="labour",
        purpose="elderly",
        received_on=dt.date(2026, 3, 5),
        value=Decimal("600"),
        hours=Decimal("12"),
        community=community_b,
        by=staff_a,
    )
    assert donation.community == community_a and donation.created_by == staff_a


def test_the_sub_district_records_for_its_charity_association(subdistrict_user):
    donor = charity.donor_create(kind="organisation", name="区慈善总会", by=subdistrict_user)
    assert donor.community is None


def test_a_bad_credit_code_and_a_duplicate_are_refused(staff_a, donor_a):
    bad = CREDIT_CODE[:-1] + "0"
    code = refusal(
        charity.donor_create, kind="enterprise", name="某公司", credit_code=bad, by=staff_a
    )
    assert code == "credit_code"
    code = refusal(
        charity.donor_create, kind="individual", name="个人", credit_code=CREDIT_CODE, by=staff_a
    )
    assert code == "credit_code"  # individuals have none
    code = refusal(
        charity.donor_create,
        kind="enterprise",
        name="同一公司",
        credit_code=CREDIT_CODE,
        by=staff_a,
    )
    assert code == "duplicate"
    assert Donor.objects.count() == 1


def test_donations_for_another_communitys_donor_are_refused(donor_a, staff_b):
    code = refusal(
        charity.donation_record,
        donor=donor_a,
        kind="money",
        purpose="general",
        received_on=dt.date(2026, 1, 2),
        value=Decimal("10"),
        by=staff_b,
    )
    assert code == "out_of_scope"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"kind": "labour"}, "hours"),  # labour needs hours
        ({"kind": "money", "hours": Decimal("3")}, "hours"),  # hours for labour only
        ({"kind": "goods"}, "description"),  # goods need a list
        ({"received_on": dt.date(2026, 6, 16)}, "future"),
    ],
)
def test_bad_donations_are_refused(donor_a, staff_a, changes, expected):
    values = {
        "donor": donor_a,
        "kind": "money",
        "purpose": "general",
        "received_on": dt.date(2026, 1, 2),
        "value": Decimal("100"),
        "by": staff_a,
        **changes,
    }
    assert refusal(charity.donation_record, **values) == expected
    assert not Donation.objects.exists()


def test_doctors_record_no_charity(doctor_a):
    assert (
        refusal(charity.donor_create, kind="individual", name="某人", by=doctor_a) == "not_allowed"
    )


# --- allocations --------------------------------------------------------------------------------


def _give(**kwargs):
    donation, by = kwargs.pop("donation"), kwargs.pop("by")
    return give(donation, by, **kwargs)


def test_allocations_may_not_exceed_the_donation(donation_a, staff_a, household_a):
    give(donation_a, staff_a, value=Decimal("3000"))
    give(donation_a, staff_a, project="", household=household_a, value=Decimal("1500"))
    code = refusal(_give, donation=donation_a, by=staff_a, value=Decimal("500.01"))
    assert code == "over_allocated"
    give(donation_a, staff_a, value=Decimal("500"))  # exactly what is left
    code = refusal(_give, donation=donation_a, by=staff_a, value=Decimal("0.01"))
    assert code == "over_allocated"
    assert Allocation.objects.count() == 3


def test_a_household_or_a_project_not_both(donation_a, staff_a, household_a):
    assert refusal(_give, donation=donation_a, by=staff_a, household=household_a) == (
        "household_or_project"
    )
    assert refusal(_give, donation=donation_a, by=staff_a, project=" ") == "household_or_project"
    assert not Allocation.objects.exists()


def test_outsiders_give_out_nothing(donation_a, staff_b, household_b, subdistrict_user):
    assert refusal(_give, donation=donation_a, by=staff_b) == "out_of_scope"
    # A community's donation goes to its own households, even by the sub-district.
    code = refusal(
        _give, donation=donation_a, by=subdistrict_user, project="", household=household_b
    )
    assert code == "other_community"


def test_households_of_other_communities_are_refused(subdistrict_user, staff_a, household_b):
    donor = charity.donor_create(kind="individual", name="王女士", by=subdistrict_user)
    shared = charity.donation_record(
        donor=donor,
        kind="money",
        purpose="general",
        received_on=dt.date(2026, 2, 1),
        value=Decimal("800"),
        by=subdistrict_user,
    )
    # Community staff see the sub-district's donations but do not give them out.
    assert refusal(_give, donation=shared, by=staff_a) == "not_allowed"
    assert give(
        shared, subdistrict_user, project="", household=household_b, value=Decimal("500")
    ).pk


def test_dates_of_an_allocation(donation_a, staff_a):
    assert refusal(_give, donation=donation_a, by=staff_a, allocated_on=dt.date(2026, 1, 19)) == (
        "before_received"
    )
    assert refusal(_give, donation=donation_a, by=staff_a, allocated_on=dt.date(2026, 6, 16)) == (
        "future"
    )


@pytest.mark.django_db(transaction=True)
def test_parallel_allocations_never_exceed_the_donation():
    """Ten allocations of 300 from a donation of 1,000, entered at the same moment."""
    community = CommunityFactory(name="并发慈善社区", code="092")
    staff = UserFactory(username="charity_staff", role="community_staff", community=community)
    donor = charity.donor_create(kind="individual", name="匿名", by=staff)
    donation = charity.donation_record(
        donor=donor,
        kind="money",
        purpose="general",
        received_on=dt.date(2026, 1, 1),
        value=Decimal("1000"),
        by=staff,
    )

    def attempt():
        try:
            return give(donation, staff, value=Decimal("300")).value
        except ValidationError as error:
            return error.error_list[0].code

    outcomes = run_at_once([attempt] * 10)
    assert outcomes.count(Decimal("300")) == 3, outcomes
    assert outcomes.count("over_allocated") == 7
    assert Donation.objects.with_allocated().get().allocated == Decimal("900")


# --- the public totals ----------------------------------------------------------------------------


@pytest.fixture
def charity_year(donor_a, donation_a, staff_a, household_a, subdistrict_user):
    """2026 in 东南: 5,000 in money for families in hardship (4,500 given out, 3,000
    to a household), goods worth 2,000 and 12 hours of labour worth 600 for the elderly;
    2025: 1,000 of money not earmarked from the sub-district's association."""
    give(donation_a, staff_a, project="", household=household_a, value=Decimal("3000"))
    give(donation_a, staff_a, value=Decimal("1500"))
    for kind, value, hours, description in [
        ("goods", "2000", None, "米面油各20份"),
        ("labour", "600", "12", ""),
    ]:
        charity.donation_record(
            donor=donor_a,
            kind=kind,
            purpose="elderly",
            received_on=dt.date(2026, 2, 3),
            value=Decimal(value),
            hours=Decimal(hours) if hours else None,
            description=description,
            by=staff_a,
        )
    association = charity.donor_create(
        kind="organisation", name="街道慈善分会", by=subdistrict_user
    )
    charity.donation_record(
        donor=association,
        kind="money",
        purpose="general",
        received_on=dt.date(2025, 12, 1),
        value=Decimal("1000"),
        by=subdistrict_user,
    )


def test_charity_totals_per_year_and_purpose(charity_year):
    years = charity.charity_totals()
    assert [y.year for y in years] == [2026, 2025]
    this_year = {line.purpose: line for line in years[0].lines}
    assert list(this_year) == ["poverty", "elderly"]
    poverty, elderly = this_year["poverty"], this_year["elderly"]
    assert (poverty.money, poverty.allocated, poverty.donations) == (
        Decimal("5000"),
        Decimal("4500"),
        1,
    )
    assert (elderly.goods_value, elderly.labour_hours, elderly.labour_value, elderly.donations) == (
        Decimal("2000"),
        Decimal("12"),
        Decimal("600"),
        2,
    )
    assert years[0].total.received_value == Decimal("7600")
    assert years[0].total.donations == 3
    assert years[1].total.money == Decimal("1000") and years[1].total.allocated == 0


def test_the_public_page_shows_totals_and_no_names(client, charity_year, resident_a, household_a):
    response = client.get(reverse("assistance:charity-public"))
    assert response.status_code == 200
    assert "7600" in response.text and "4500" in response.text
    for name in [
        "东南超市有限公司",
        "周经理",
        "街道慈善分会",
        resident_a.name,
        household_a.address,
    ]:
        assert name not in response.text
    assert client.post(reverse("assistance:charity-public")).status_code == 405


def test_the_public_page_without_donations(client, db):
    response = client.get(reverse("assistance:charity-public"))
    assert response.status_code == 200 and 'id="no-totals"' in response.text


# --- the staff pages ------------------------------------------------------------------------------


def url(name, *args):
    return reverse(f"assistance:{name}", args=args)


@pytest.fixture
def pages(donation_a, donor_a):
    return {
        "donation-list": url("donation-list"),
        "donation-create": url("donation-create"),
        "donation-detail": url("donation-detail", donation_a.pk),
        "allocation-create": url("allocation-create", donation_a.pk),
        "donor-list": url("donor-list"),
        "donor-create": url("donor-create"),
        "donor-detail": url("donor-detail", donor_a.pk),
    }


def test_anonymous_visitors_are_sent_to_log_in(client, pages):
    for page in pages.values():
        for method in (client.get, client.post):
            response = method(page)
            assert response.status_code == 302 and reverse("accounts:login") in response.url


@pytest.mark.parametrize("persona", ["resident_user", "doctor_a"])
def test_residents_and_doctors_are_refused(client, pages, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for page in pages.values():
        assert client.get(page).status_code == 403
        assert client.post(page).status_code == 403


def test_other_communitys_staff_get_404(client, staff_b, donation_a, donor_a):
    client.force_login(staff_b)
    for page in [
        url("donation-detail", donation_a.pk),
        url("allocation-create", donation_a.pk),
        url("donor-detail", donor_a.pk),
    ]:
        assert client.get(page).status_code == 404
        assert client.post(page).status_code == 404
    assert client.get(url("donation-create"), {"donor": donor_a.pk}).status_code == 404
    assert not client.get(url("donation-list")).context["page_obj"].object_list
    assert not client.get(url("donor-list")).context["page_obj"].object_list
    assert (
        client.post(
            url("donation-create"),
            {
                "donor": donor_a.pk,
                "kind": "money",
                "purpose": "general",
                "received_on": "2026-06-01",
                "value": "5",
            },
        ).status_code
        == 200
    )
    assert Donation.objects.count() == 1  # the form refused A's donor


def test_charity_through_the_pages(client, staff_a, household_a):
    client.force_login(staff_a)
    response = client.post(
        url("donor-create"),
        {
            "kind": "enterprise",
            "name": "雅苑物业公司",
            "credit_code": CREDIT_CODE,
            "phone": "0571-87654321",
        },
    )
    donor = Donor.objects.get()
    assert response.url == url("donor-detail", donor.pk)
    assert (donor.phone, donor.community_id) == ("057187654321", staff_a.community_id)
    assert (
        client.get(url("donation-create"), {"donor": donor.pk}).context["form"].initial["donor"]
        == donor.pk
    )
    response = client.post(
        url("donation-create"),
        {
            "donor": donor.pk,
            "kind": "goods",
            "purpose": "poverty",
            "received_on": "2026-06-01",
            "value": "3000",
            "description": "棉被30床",
        },
    )
    donation = Donation.objects.get()
    assert response.url == url("donation-detail", donation.pk)
    assert 'id="allocate-link"' in client.get(url("donation-detail", donation.pk)).text
    response = client.post(
        url("allocation-create", donation.pk),
        {
            "household": household_a.pk,
            "value": "1200",
            "allocated_on": "2026-06-10",
            "note": "棉被4床",
        },
    )
    assert response.url == url("donation-detail", donation.pk)
    allocation = Allocation.objects.get()
    assert (allocation.household, allocation.value, allocation.created_by) == (
        household_a,
        Decimal("1200"),
        staff_a,
    )
    detail = client.get(url("donation-detail", donation.pk))
    assert detail.context["left"] == Decimal("1800") and household_a.address in detail.text
    donor_page = client.get(url("donor-detail", donor.pk))
    assert [d.pk for d in donor_page.context["donations"]] == [donation.pk]


def test_giving_out_more_than_is_left_shows_the_error(client, staff_a, donation_a):
    client.force_login(staff_a)
    response = client.post(
        url("allocation-create", donation_a.pk),
        {"project": "助学", "value": "5000.01", "allocated_on": "2026-06-10"},
    )
    assert response.status_code == 200
    assert "value" in response.context["form"].errors
    assert 'id="error-summary"' in response.text
    assert not Allocation.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"value": "100", "allocated_on": "2026-06-10"},  # neither household nor project
        {"project": "助学", "value": "-5", "allocated_on": "2026-06-10"},
        {"project": "助学", "value": "100", "allocated_on": "2026-01-01"},  # before received
    ],
)
def test_bad_allocations_write_nothing(client, staff_a, donation_a, data):
    client.force_login(staff_a)
    response = client.post(url("allocation-create", donation_a.pk), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not Allocation.objects.exists()


def test_a_household_of_another_community_is_not_a_choice(client, staff_a, donation_a, household_b):
    client.force_login(staff_a)
    response = client.post(
        url("allocation-create", donation_a.pk),
        {"household": household_b.pk, "value": "100", "allocated_on": "2026-06-10"},
    )
    assert "household" in response.context["form"].errors
    assert not Allocation.objects.exists()


def test_bad_donor_and_donation_forms_write_nothing(client, staff_a, donor_a):
    client.force_login(staff_a)
    response = client.post(url("donor-create"), {"kind": "individual", "name": "", "phone": "12"})
    assert set(response.context["form"].errors) == {"name", "phone"}
    response = client.post(
        url("donation-create"),
        {
            "donor": donor_a.pk,
            "kind": "labour",
            "purpose": "general",
            "received_on": "2026-06-01",
            "value": "100",
        },
    )
    assert "hours" in response.context["form"].errors
    assert Donor.objects.count() == 1 and not Donation.objects.exists()


def test_community_staff_do_not_give_out_the_sub_districts_donations(
    client, staff_a, subdistrict_user
):
    donor = charity.donor_create(kind="individual", name="王女士", by=subdistrict_user)
    shared = charity.donation_record(
        donor=donor,
        kind="money",
        purpose="general",
        received_on=dt.date(2026, 2, 1),
        value=Decimal("800"),
        by=subdistrict_user,
    )
    client.force_login(staff_a)
    assert client.get(url("donation-detail", shared.pk)).status_code == 200
    assert client.get(url("allocation-create", shared.pk)).status_code == 403
    client.force_login(subdistrict_user)
    assert client.get(url("allocation-create", shared.pk)).status_code == 200


def test_other_communities_households_are_not_named_on_a_shared_donation(
    client, staff_a, subdistrict_user, household_b
):
    donor = charity.donor_create(kind="individual", name="王女士", by=subdistrict_user)
    shared = charity.donation_record(
        donor=donor,
        kind="money",
        purpose="general",
        received_on=dt.date(2026, 2, 1),
        value=Decimal("800"),
        by=subdistrict_user,
    )
    give(shared, subdistrict_user, project="", household=household_b, value=Decimal("500"))
    client.force_login(staff_a)
    assert household_b.address not in client.get(url("donation-detail", shared.pk)).text
    client.force_login(subdistrict_user)
    assert household_b.address in client.get(url("donation-detail", shared.pk)).text


def test_donor_phones_are_masked_for_roles_that_do_not_check_identity(
    client, admin_user, staff_a, donor_a
):
    client.force_login(admin_user)
    for page in (url("donor-list"), url("donor-detail", donor_a.pk)):
        text = client.get(page).text
        assert "139****5678" in text and "13912345678" not in text
    client.force_login(staff_a)
    assert "13912345678" in client.get(url("donor-detail", donor_a.pk)).text


def test_the_donation_list_filters(client, subdistrict_user, charity_year):
    client.force_login(subdistrict_user)

    def rows(**params):
        response = client.get(url("donation-list"), params)
        return sorted((d.kind, d.purpose, d.received_on.year) for d in response.context["page_obj"])

    assert len(rows()) == 4
    assert rows(kind="goods") == [("goods", "elderly", 2026)]
    assert rows(purpose="general") == [("money", "general", 2025)]
    assert rows(year=2025) == [("money", "general", 2025)]
    assert rows(q="超市", kind="money") == [("money", "poverty", 2026)]
    allocated = {
        d.purpose: d.allocated for d in client.get(url("donation-list")).context["page_obj"]
    }
    assert allocated["poverty"] == Decimal("4500")


@pytest.mark.parametrize("count", [1, 15])
def test_donation_list_queries_do_not_grow(
    client, staff_a, donor_a, household_a, django_assert_max_num_queries, count
):
    for n in range(count):
        donation = charity.donation_record(
            donor=donor_a,
            kind="money",
            purpose="poverty",
            received_on=dt.date(2026, 1, 1) + dt.timedelta(days=n),
            value=Decimal("100"),
            by=staff_a,
        )
        give(donation, staff_a, value=Decimal("10"), allocated_on=dt.date(2026, 3, 1))
    client.force_login(staff_a)
    # session, user, years (filter), count, page of donations with donor, community and
    # the value given out, session stamp (savepoint, update, release)
    with django_assert_max_num_queries(8):
        response = client.get(url("donation-list"))
    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("count", [1, 15])
def test_donor_list_queries_do_not_grow(client, staff_a, django_assert_max_num_queries, count):
    for n in range(count):
        charity.donor_create(kind="individual", name=f"捐赠人{n}", phone="13900001111", by=staff_a)
    client.force_login(staff_a)
    # session, user, count, page of donors with community and their donation count,
    # session stamp (savepoint, update, release)
    with django_assert_max_num_queries(7):
        response = client.get(url("donor-list"))
    assert len(response.context["page_obj"]) == count


def test_household_picker_is_limited_to_the_donations_community(
    client, staff_a, donation_a, household_a
):
    HouseholdFactory(community=household_a.community, address="东南花园9幢909室")
    client.force_login(staff_a)
    form = client.get(url("allocation-create", donation_a.pk)).context["form"]
    assert set(form.fields["household"].queryset) == set(household_a.community.households.all())
    attrs = form.fields["household_search"].widget.attrs
    assert json.loads(attrs["data-hx-vals"]) == {"community": donation_a.community_id}


def many_donations(donor, by, count):
    """``count`` donations over two years and three purposes, each partly given out, and
    ``count`` more gifts from the first one."""
    donations = []
    for n in range(count):
        donation = charity.donation_record(
            donor=donor,
            kind="money",
            purpose=["poverty", "elderly", "medical"][n % 3],
            received_on=dt.date(2025 + n % 2, 1, 1) + dt.timedelta(days=n),
            value=Decimal("100"),
            by=by,
        )
        give(donation, by, value=Decimal("10"), allocated_on=dt.date(2026, 3, 1))
        donations.append(donation)
    for _ in range(count):
        give(donations[0], by, value=Decimal("1"), allocated_on=dt.date(2026, 3, 2))
    return donations


@pytest.mark.parametrize("count", [1, 15])
def test_public_totals_queries_do_not_grow(
    client, staff_a, donor_a, count, django_assert_max_num_queries
):
    many_donations(donor_a, staff_a, count)
    # received per year and purpose, given out per year and purpose, the sub-district's
    # contact (an anonymous visitor has no session to read or stamp)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("assistance:charity-public"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 15])
def test_donor_and_donation_pages_queries_do_not_grow(
    client, staff_a, donor_a, count, django_assert_max_num_queries
):
    donations = many_donations(donor_a, staff_a, count)
    client.force_login(staff_a)
    # session, user, the donor, their donations with what was given out, session stamp
    # (savepoint, update, release)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("assistance:donor-detail", args=[donor_a.pk]))
    assert response.status_code == 200
    # session, user, the donation with donor and community, its allocations with their
    # households, session stamp (savepoint, update, release)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("assistance:donation-detail", args=[donations[0].pk]))
    assert response.status_code == 200


def test_the_donation_and_donor_lists_filter_by_each_field(client, staff_a, donor_a, donation_a):
    person = charity.donor_create(kind="individual", name="陈先生", contact="陈", by=staff_a)
    goods = charity.donation_record(
        donor=person,
        kind="goods",
        purpose="elderly",
        received_on=dt.date(2025, 12, 1),
        value=Decimal("800"),
        description="米面油 20 份",
        by=staff_a,
    )
    client.force_login(staff_a)

    def donations(**query):
        response = client.get(url("donation-list"), query)
        return {d.pk for d in response.context["page_obj"]}

    assert donations() == {donation_a.pk, goods.pk}
    assert donations(q="超市") == {donation_a.pk}
    assert donations(kind="goods") == {goods.pk}
    assert donations(purpose="poverty") == {donation_a.pk}
    assert donations(year="2025") == {goods.pk}
    assert donations(kind="goods", purpose="poverty") == set()

    def donors(**query):
        return {d.pk for d in client.get(url("donor-list"), query).context["page_obj"]}

    assert donors() == {donor_a.pk, person.pk}
    assert donors(q="周经理") == {donor_a.pk}  # the contact
    assert donors(kind="individual") == {person.pk}
