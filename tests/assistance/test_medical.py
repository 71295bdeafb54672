"""特殊疾病医疗救助: who may claim, what a claim is paid (share, cap, fund), the
sub-district's decision, and the staff pages with their scope and query budgets.

Assertions are on error codes, ids and status codes rather than on text, so that they
hold in Chinese and in English.
"""

import datetime as dt
import logging
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from assistance.models import (
    Application,
    ClaimStatus,
    MedicalClaim,
    MedicalFund,
    Programme,
    SpecialDisease,
)
from assistance.services import medical
from tests.assistance.conftest import at, household_with
from tests.concurrency import run_at_once
from tests.factories import CommunityFactory, HouseholdFactory, ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def mid_june():
    with time_machine.travel(at(TODAY), tick=False):
        yield


@pytest.fixture
def fund(db):
    return MedicalFund.objects.create(
        year=2026,
        budget=Decimal("10000"),
        cap_per_person=Decimal("3000"),
        reimbursement_percent=Decimal("70"),
    )


@pytest.fixture
def disease(catalogue):
    return SpecialDisease.objects.get(name="尿毒症")


def receiving(household, programme, status="paying"):
    """An application of ``household`` to ``programme`` in ``status`` (as if walked
    through the workflow: see test_path.py): its members counted; once confirmed, paid
    from January 2026 (stopped: from February no more)."""
    from assistance.models import Entitlement, Member

    paid = status in ("confirmed", "paying", "reviewing", "stopped", "paid")
    application = Application.objects.create(
        household=household,
        programme=programme,
        status=status,
        registration_type=household.registration_type,
        reason="户主失业",
        lookback_months=12,
        payment_starts=dt.date(2026, 1, 1) if paid else None,
    )
    Member.objects.bulk_create(
        Member(application=application, resident=r) for r in household.members.all()
    )
    if paid:
        Entitlement.objects.create(
            application=application, reason="confirmed", effective_from=dt.date(2026, 1, 1),
            pays_from=dt.date(2026, 1, 1), monthly_amount=Decimal("500"),
        )  # fmt: skip
    if status == "stopped":
        Entitlement.objects.create(
            application=application, reason="stopped", effective_from=dt.date(2026, 2, 1),
            pays_from=dt.date(2026, 2, 1), monthly_amount=Decimal("0"),
        )  # fmt: skip
    return application


@pytest.fixture
def patient(programmes, household_a, resident_a):
    """张伟 of 东南, whose household is paid 城市低保."""
    receiving(household_a, programmes["dibao-urban"])
    return resident_a


@pytest.fixture
def patient_b(programmes, household_b, resident_b):
    """李娜 of 雅苑, whose household is a 低保边缘 household."""
    receiving(household_b, programmes["dibao-margin"], status="confirmed")
    return resident_b


def submit(patient, by, fund, disease, **overrides):
    values = {
        "patient": patient,
        "disease": disease,
        "fund": fund,
        "treated_from": dt.date(2026, 3, 1),
        "treated_to": dt.date(2026, 3, 20),
        "total_cost": Decimal("10000"),
        "own_cost": Decimal("2000"),
        "note": "",
        "by": by,
    }
    values.update(overrides)
    return medical.claim_submit(**values)


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.error_list[0].code


# --- who may claim ---------------------------------------------------------------------------


def test_a_dibao_patient_claims_a_share_of_the_own_cost(patient, staff_a, fund, disease):
    claim = submit(patient, staff_a, fund, disease, own_cost=Decimal("1234.57"))
    # 70 % of 1,234.57 = 864.199 → 864.20
    assert claim.amount == Decimal("864.20")
    assert claim.status == ClaimStatus.SUBMITTED and claim.created_by == staff_a


def test_a_margin_household_patient_may_claim(patient_b, staff_b, fund, disease):
    assert submit(patient_b, staff_b, fund, disease).amount == Decimal("1400.00")


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (None, None),  # no application at all
        ("dibao-urban", "publicity"),  # not yet confirmed
        ("dibao-urban", "stopped"),  # no longer paid
        ("temporary-emergency", "paid"),  # another programme
        ("orphan", "paying"),  # another programme, in payment
    ],
)
def test_only_dibao_and_margin_households_in_benefit_may_claim(
    programmes, household_a, resident_a, staff_a, fund, disease, code, status
):
    if code:
        receiving(household_a, programmes[code], status=status)
    assert refusal(submit, resident_a, staff_a, fund, disease) == "not_eligible"
    assert not MedicalClaim.objects.exists()


def test_a_resident_without_household_may_not_claim(
    programmes, community_a, staff_a, fund, disease
):
    loner = ResidentFactory(community=community_a)
    assert refusal(submit, loner, staff_a, fund, disease) == "not_eligible"


def test_staff_claim_for_their_own_community_only(patient, staff_b, fund, disease):
    assert refusal(submit, patient, staff_b, fund, disease) == "out_of_scope"


def test_doctors_may_not_enter_claims(patient, doctor_a, fund, disease):
    assert refusal(submit, patient, doctor_a, fund, disease) == "not_allowed"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"own_cost": Decimal("12000")}, "own_cost_above_total"),
        ({"own_cost": Decimal("0")}, "no_own_cost"),
        (
            {"treated_from": dt.date(2026, 4, 1), "treated_to": dt.date(2026, 3, 1)},
            "dates_reversed",
        ),
        ({"treated_from": dt.date(2025, 12, 20)}, "out_of_year"),
        ({"treated_to": dt.date(2026, 7, 1)}, "future"),
    ],
)
def test_bad_costs_and_dates_are_refused(patient, staff_a, fund, disease, overrides, code):
    assert refusal(submit, patient, staff_a, fund, disease, **overrides) == code
    assert not MedicalClaim.objects.exists()


def test_an_inactive_disease_is_refused(patient, staff_a, fund, disease):
    disease.active = False
    disease.save()
    assert refusal(submit, patient, staff_a, fund, disease) == "disease_inactive"


def test_a_claim_overlapping_another_is_refused(patient, staff_a, fund, disease):
    submit(patient, staff_a, fund, disease)
    overlapping = {"treated_from": dt.date(2026, 3, 15), "treated_to": dt.date(2026, 4, 2)}
    assert refusal(submit, patient, staff_a, fund, disease, **overlapping) == "overlap"
    later = {"treated_from": dt.date(2026, 3, 21), "treated_to": dt.date(2026, 4, 2)}
    assert submit(patient, staff_a, fund, disease, **later).pk


# --- caps and the fund -----------------------------------------------------------------------


def test_the_yearly_cap_limits_a_person(patient, staff_a, subdistrict_user, fund, disease):
    first = submit(patient, staff_a, fund, disease, own_cost=Decimal("4000"))
    assert first.amount == Decimal("2800.00")
    medical.claim_decide(claim=first, approve=True, by=subdistrict_user)
    later = {"treated_from": dt.date(2026, 4, 1), "treated_to": dt.date(2026, 4, 30)}
    second = submit(patient, staff_a, fund, disease, **later)
    assert second.amount == Decimal("200.00")  # 3,000 cap − 2,800 approved
    medical.claim_decide(claim=second, approve=True, by=subdistrict_user)
    third = {"treated_from": dt.date(2026, 5, 1), "treated_to": dt.date(2026, 5, 30)}
    assert refusal(submit, patient, staff_a, fund, disease, **third) == "cap_exhausted"
    summary = medical.fund_summary(fund, patient=patient)
    assert summary.patient_remaining == 0 and summary.approved == Decimal("3000.00")


def test_approvals_in_turn_never_overspend_the_fund(
    programmes, patient, patient_b, staff_a, staff_b, subdistrict_user, disease
):
    fund = MedicalFund.objects.create(
        year=2026, budget=Decimal("5000"), cap_per_person=Decimal("3000"), reimbursement_percent=70
    )
    claim_a = submit(patient, staff_a, fund, disease, own_cost=Decimal("4000"))
    claim_b = submit(patient_b, staff_b, fund, disease, own_cost=Decimal("4000"))
    # Both proposed 2,800 while nothing was approved: together more than the fund.
    assert claim_a.amount == claim_b.amount == Decimal("2800.00")
    medical.claim_decide(claim=claim_a, approve=True, by=subdistrict_user)
    claim_b = medical.claim_decide(claim=claim_b, approve=True, by=subdistrict_user)
    assert claim_b.amount == Decimal("2200.00")  # recomputed at approval
    summary = medical.fund_summary(fund)
    assert summary.approved == fund.budget and summary.remaining == 0
    assert (summary.approved_count, summary.percent_paid) == (2, Decimal("100.0"))
    third = household_with(patient.community, [("赵六", dt.date(1960, 1, 1), "head")])
    receiving(third, programmes["dibao-urban"])
    assert refusal(submit, third.members.get(), staff_a, fund, disease) == "fund_exhausted"


def test_an_approval_when_the_fund_is_spent_is_refused(
    patient, patient_b, staff_a, staff_b, subdistrict_user, disease
):
    fund = MedicalFund.objects.create(
        year=2026, budget=Decimal("1000"), cap_per_person=Decimal("3000"), reimbursement_percent=70
    )
    claim_a = submit(patient, staff_a, fund, disease)
    claim_b = submit(patient_b, staff_b, fund, disease)
    medical.claim_decide(claim=claim_a, approve=True, by=subdistrict_user)
    code = refusal(medical.claim_decide, claim=claim_b, approve=True, by=subdistrict_user)
    assert code == "fund_exhausted"
    claim_b.refresh_from_db()
    assert claim_b.status == ClaimStatus.SUBMITTED


def test_only_the_sub_district_decides_and_a_rejection_needs_a_reason(
    patient, staff_a, subdistrict_user, fund, disease
):
    claim = submit(patient, staff_a, fund, disease)
    assert refusal(medical.claim_decide, claim=claim, approve=True, by=staff_a) == "not_allowed"
    code = refusal(medical.claim_decide, claim=claim, approve=False, note=" ", by=subdistrict_user)
    assert code == "note_required"
    claim = medical.claim_decide(
        claim=claim, approve=False, note="非特殊病种门诊费用", by=subdistrict_user
    )
    assert (claim.status, claim.amount, claim.decided_by) == ("rejected", 0, subdistrict_user)
    code = refusal(medical.claim_decide, claim=claim, approve=True, by=subdistrict_user)
    assert code == "decided"


def test_eligibility_is_on_the_treatment_day_not_the_decision_day(
    patient, staff_a, subdistrict_user, fund, disease
):
    from assistance.models import Entitlement

    # Treated in March while in 低保; the case stops from April before the decision:
    # the claim is still paid (issue 13.10).
    claim = submit(patient, staff_a, fund, disease)
    application = Application.objects.get()
    Application.objects.update(status="stopped")
    Entitlement.objects.create(
        application=application, reason="stopped", effective_from=dt.date(2026, 4, 1),
        pays_from=dt.date(2026, 4, 1), monthly_amount=Decimal("0"),
    )  # fmt: skip
    assert medical.claim_decide(claim=claim, approve=True, by=subdistrict_user).status == (
        "approved"
    )
    # A treatment in April, after the stop, is refused.
    code = refusal(
        submit, patient, staff_a, fund, disease,
        treated_from=dt.date(2026, 4, 2), treated_to=dt.date(2026, 4, 3),
    )  # fmt: skip
    assert code == "not_eligible"


def test_the_audit_line_names_ids_only(patient, staff_a, subdistrict_user, fund, disease, caplog):
    with caplog.at_level(logging.INFO, logger="portal.audit"):
        claim = submit(patient, staff_a, fund, disease)
        medical.claim_decide(claim=claim, approve=True, by=subdistrict_user)
    lines = [r.getMessage() for r in caplog.records if r.name == "portal.audit"]
    assert any(f"claim={claim.pk}" in line and "submitted" in line for line in lines)
    assert any(f"claim={claim.pk}" in line and "approved" in line for line in lines)
    assert not any(patient.name in line or patient.id_number in line for line in lines)


def test_fund_summary_counts_claims_by_status(patient, staff_a, subdistrict_user, fund, disease):
    approved = submit(patient, staff_a, fund, disease)
    medical.claim_decide(claim=approved, approve=True, by=subdistrict_user)
    rejected = submit(
        patient, staff_a, fund, disease, treated_from=dt.date(2026, 4, 1), treated_to=TODAY
    )
    medical.claim_decide(claim=rejected, approve=False, note="材料不全", by=subdistrict_user)
    submit(patient, staff_a, fund, disease, treated_from=dt.date(2026, 5, 1), treated_to=TODAY)
    summary = medical.fund_summary(fund)
    assert (summary.claims, summary.submitted, summary.approved_count, summary.rejected) == (
        3,
        1,
        1,
        1,
    )
    assert (summary.approved, summary.remaining) == (Decimal("1400.00"), Decimal("8600.00"))
    listed = medical.fund_summaries(MedicalFund.objects.with_totals())
    assert [(s.approved, s.claims, s.submitted) for s in listed] == [(Decimal("1400.00"), 3, 1)]


# --- parallel approvals ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_parallel_approvals_never_overspend_the_fund(catalogue):
    """Eight claims of 1,400 each on a fund of 5,000, approved at the same moment."""
    community = CommunityFactory(name="并发社区", code="091")
    approver = UserFactory(username="approver", role="subdistrict_staff")
    programme = Programme.objects.get(code="dibao-urban")
    fund = MedicalFund.objects.create(
        year=2026, budget=Decimal("5000"), cap_per_person=Decimal("3000"), reimbursement_percent=70
    )
    disease = SpecialDisease.objects.first()
    claims = []
    for _ in range(8):
        household = HouseholdFactory(community=community)
        person = ResidentFactory(community=community, household=household)
        receiving(household, programme)
        claims.append(submit(person, approver, fund, disease))

    def approve(claim):
        try:
            return medical.claim_decide(claim=claim, approve=True, by=approver).amount
        except ValidationError as error:
            return error.error_list[0].code

    outcomes = run_at_once([lambda c=claim: approve(c) for claim in claims])
    paid = [o for o in outcomes if isinstance(o, Decimal)]
    assert sum(paid) == Decimal("5000.00"), outcomes
    assert sorted(paid) == [Decimal("800.00"), *[Decimal("1400.00")] * 3]
    assert outcomes.count("fund_exhausted") == 4


# --- the pages ---------------------------------------------------------------------------------


def url(name, *args):
    return reverse(f"assistance:{name}", args=args)


@pytest.fixture
def claim_a(patient, staff_a, fund, disease):
    return submit(patient, staff_a, fund, disease)


@pytest.fixture
def pages(claim_a):
    return {
        "claim-list": url("claim-list"),
        "claim-create": url("claim-create"),
        "claim-detail": url("claim-detail", claim_a.pk),
        "fund-list": url("fund-list"),
    }


def test_anonymous_visitors_are_sent_to_log_in(client, pages, claim_a):
    for page in pages.values():
        response = client.get(page)
        assert response.status_code == 302 and reverse("accounts:login") in response.url
    response = client.post(url("claim-decide", claim_a.pk), {"decision": "approve"})
    assert response.status_code == 302 and reverse("accounts:login") in response.url


@pytest.mark.parametrize("persona", ["resident_user", "doctor_a"])
def test_residents_and_doctors_are_refused(client, pages, claim_a, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for page in pages.values():
        assert client.get(page).status_code == 403
    assert client.post(url("claim-decide", claim_a.pk), {"decision": "approve"}).status_code == 403


def test_other_communitys_staff_get_404(client, staff_b, claim_a, patient):
    client.force_login(staff_b)
    assert client.get(url("claim-detail", claim_a.pk)).status_code == 404
    assert client.post(url("claim-detail", claim_a.pk)).status_code == 404
    assert client.get(url("claim-create"), {"patient": patient.pk}).status_code == 404
    assert client.post(url("claim-create") + f"?patient={patient.pk}").status_code == 404
    response = client.get(url("claim-list"))
    assert response.status_code == 200 and claim_a not in response.context["page_obj"]
    response = client.get(url("claim-create"), {"q": patient.name})
    assert list(response.context["residents"]) == []


def test_community_staff_may_not_decide(client, staff_a, claim_a):
    client.force_login(staff_a)
    assert client.post(url("claim-decide", claim_a.pk), {"decision": "approve"}).status_code == 403
    assert 'id="decision"' not in client.get(url("claim-detail", claim_a.pk)).text


def test_the_sub_district_gets_404_for_a_missing_claim(client, subdistrict_user):
    client.force_login(subdistrict_user)
    assert client.get(url("claim-detail", 999)).status_code == 404
    assert client.post(url("claim-decide", 999), {"decision": "approve"}).status_code == 404


def test_a_claim_through_the_pages(client, staff_a, subdistrict_user, patient, fund, disease):
    client.force_login(staff_a)
    tail = patient.id_number[-4:]
    response = client.get(url("claim-create"), {"q": tail})
    assert [r.pk for r in response.context["residents"]] == [patient.pk]
    assert response.context["residents"][0].eligible
    form_url = url("claim-create") + f"?patient={patient.pk}"
    response = client.get(form_url)
    assert response.status_code == 200 and response.context["form"].initial["fund"] == fund.pk
    response = client.post(
        form_url,
        {
            "fund": fund.pk,
            "disease": disease.pk,
            "treated_from": "2026-05-06",
            "treated_to": "2026-05-20",
            "total_cost": "8000",
            "own_cost": "3000",
            "note": "透析",
        },
    )
    claim = MedicalClaim.objects.get()
    assert response.status_code == 302 and response.url == url("claim-detail", claim.pk)
    assert (claim.amount, claim.note, claim.patient) == (Decimal("2100.00"), "透析", patient)

    client.force_login(subdistrict_user)
    response = client.get(url("claim-detail", claim.pk))
    assert response.context["proposal"].amount == Decimal("2100.00")
    assert response.context["summary"].patient_remaining == Decimal("3000.00")
    assert 'id="decision"' in response.text
    response = client.post(url("claim-decide", claim.pk), {"decision": "approve", "note": ""})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.decided_by == subdistrict_user
    response = client.get(url("claim-detail", claim.pk))
    assert response.context["summary"].patient_remaining == Decimal("900.00")
    assert response.context["summary"].remaining == Decimal("7900.00")
    assert response.context["decision_form"] is None


def test_the_claim_page_masks_the_id_for_roles_that_do_not_check_identity(
    client, admin_user, staff_a, claim_a, patient
):
    client.force_login(admin_user)
    text = client.get(url("claim-detail", claim_a.pk)).text
    assert patient.masked_id_number in text and patient.id_number not in text
    client.force_login(staff_a)
    assert patient.id_number in client.get(url("claim-detail", claim_a.pk)).text


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"own_cost": "9000"}, "own_cost"),  # more than the total of 8,000
        ({"treated_from": "2025-12-30"}, "treated_from"),  # before the fund's year
        ({"treated_to": "2026-05-01"}, "treated_to"),  # before the start
        ({"total_cost": "abc"}, "total_cost"),
    ],
)
def test_bad_claims_show_errors_and_write_nothing(
    client, staff_a, patient, fund, disease, changes, field
):
    client.force_login(staff_a)
    data = {
        "fund": fund.pk,
        "disease": disease.pk,
        "treated_from": "2026-05-06",
        "treated_to": "2026-05-20",
        "total_cost": "8000",
        "own_cost": "3000",
        "note": "",
        **changes,
    }
    response = client.post(url("claim-create") + f"?patient={patient.pk}", data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert 'id="error-summary"' in response.text
    assert not MedicalClaim.objects.exists()


def test_an_exhausted_cap_shows_above_the_form(client, staff_a, subdistrict_user, patient, disease):
    fund = MedicalFund.objects.create(
        year=2026, budget=Decimal("9000"), cap_per_person=Decimal("100"), reimbursement_percent=70
    )
    medical.claim_decide(
        claim=submit(patient, staff_a, fund, disease), approve=True, by=subdistrict_user
    )
    client.force_login(staff_a)
    response = client.post(
        url("claim-create") + f"?patient={patient.pk}",
        {
            "fund": fund.pk,
            "disease": disease.pk,
            "treated_from": "2026-05-06",
            "treated_to": "2026-05-20",
            "total_cost": "8000",
            "own_cost": "3000",
        },
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == [
        "cap_exhausted"
    ]
    assert MedicalClaim.objects.count() == 1


def test_a_patient_not_in_dibao_gets_no_form(client, staff_a, resident_a, fund, disease):
    client.force_login(staff_a)
    form_url = url("claim-create") + f"?patient={resident_a.pk}"
    response = client.get(form_url)
    assert response.context["eligible"] is False and response.context["form"] is None
    assert 'id="not-eligible"' in response.text
    client.post(form_url, {"fund": fund.pk, "disease": disease.pk, "own_cost": "1"})
    assert not MedicalClaim.objects.exists()


def test_a_bad_patient_number_is_404(client, staff_a):
    client.force_login(staff_a)
    assert client.get(url("claim-create"), {"patient": "x1"}).status_code == 404
    assert client.get(url("claim-create"), {"patient": "999999"}).status_code == 404


def test_a_rejection_without_reason_shows_the_error(client, subdistrict_user, claim_a):
    client.force_login(subdistrict_user)
    response = client.post(url("claim-decide", claim_a.pk), {"decision": "reject", "note": ""})
    assert response.status_code == 200
    assert "note" in response.context["decision_form"].errors
    claim_a.refresh_from_db()
    assert claim_a.status == ClaimStatus.SUBMITTED
    response = client.post(
        url("claim-decide", claim_a.pk), {"decision": "reject", "note": "不属于特殊病种"}
    )
    claim_a.refresh_from_db()
    assert response.status_code == 302 and claim_a.status == ClaimStatus.REJECTED


def test_a_decision_needs_get_no_more(client, subdistrict_user, claim_a):
    client.force_login(subdistrict_user)
    assert client.get(url("claim-decide", claim_a.pk)).status_code == 405


def test_the_claim_list_filters(client, subdistrict_user, staff_a, patient, patient_b, fund):
    cancer = SpecialDisease.objects.get(name="恶性肿瘤")
    kidney = SpecialDisease.objects.get(name="尿毒症")
    first = submit(patient, staff_a, fund, cancer)
    second = submit(patient_b, subdistrict_user, fund, kidney)
    medical.claim_decide(claim=second, approve=True, by=subdistrict_user)
    client.force_login(subdistrict_user)

    def rows(**params):
        response = client.get(url("claim-list"), params)
        return [claim.pk for claim in response.context["page_obj"]]

    assert set(rows()) == {first.pk, second.pk}
    assert rows(status="approved") == [second.pk]
    assert rows(disease=cancer.pk) == [first.pk]
    assert rows(q=patient.name) == [first.pk]
    assert set(rows(year=2026)) == {first.pk, second.pk}
    # An invalid choice is dropped (and shown beside its select), not an empty list.
    assert set(rows(status="nonsense")) == {first.pk, second.pk}


@pytest.mark.parametrize("count", [1, 15])
def test_claim_list_queries_do_not_grow(
    client, staff_a, community_a, programmes, fund, disease, django_assert_max_num_queries, count
):
    for n in range(count):
        household = HouseholdFactory(community=community_a)
        person = ResidentFactory(community=community_a, household=household, name=f"病人{n}")
        receiving(household, programmes["dibao-urban"])
        submit(person, staff_a, fund, disease)
    client.force_login(staff_a)
    # session, user, diseases (filter), fund years (filter), count, page of claims with
    # patient, community, disease and fund, session stamp (savepoint, update, release)
    with django_assert_max_num_queries(9):
        response = client.get(url("claim-list"))
    assert len(response.context["page_obj"]) == count


@pytest.mark.parametrize("count", [1, 15])
def test_fund_list_queries_do_not_grow(
    client, staff_a, patient, disease, django_assert_max_num_queries, count
):
    for year in range(2026 - count + 1, 2027):
        MedicalFund.objects.create(
            year=year, budget=10000, cap_per_person=3000, reimbursement_percent=70
        )
    submit(patient, staff_a, MedicalFund.objects.get(year=2026), disease)
    client.force_login(staff_a)
    # session, user, count, page of funds with their totals (counting subqueries),
    # session stamp (savepoint, update, release)
    with django_assert_max_num_queries(7):
        response = client.get(url("fund-list"))
    assert len(response.context["summaries"]) == count
    assert response.context["summaries"][0].claims == 1


def test_patient_search_returns_twenty_at_most(client, staff_a, community_a):
    for n in range(25):
        ResidentFactory(community=community_a, name=f"王{n}")
    client.force_login(staff_a)
    response = client.get(url("claim-create"), {"q": "王"})
    assert len(response.context["residents"]) == 20


def test_the_claim_list_filters_by_each_field(
    client, patient, patient_b, staff_a, subdistrict_user, fund, disease, catalogue
):
    cancer = SpecialDisease.objects.get(name="恶性肿瘤")
    kidney = submit(patient, staff_a, fund, disease)
    tumour = submit(patient_b, subdistrict_user, fund, cancer)
    medical.claim_decide(claim=tumour, approve=True, by=subdistrict_user)
    client.force_login(subdistrict_user)

    def claims(**query):
        return {c.pk for c in client.get(url("claim-list"), query).context["page_obj"]}

    assert claims() == {kidney.pk, tumour.pk}
    assert claims(q=patient.name) == {kidney.pk}
    assert claims(status="approved") == {tumour.pk}
    assert claims(disease=cancer.pk) == {tumour.pk}
    assert claims(year="2026") == {kidney.pk, tumour.pk}
    assert claims(status="approved", disease=disease.pk) == set()


def test_destitute_persons_come_first_with_their_category_rate_and_deductible(
    programmes, household_a, resident_a, staff_a, subdistrict_user, fund, disease
):
    from assistance.models import MedicalRate

    # 特困 is refused no more. Rates from 2026: 特困 100 % with no deductible; 低保 70 %
    # after a yearly deductible of 1,000.
    MedicalRate.objects.create(
        category="destitute", effective_from=dt.date(2026, 1, 1), reimbursement_percent=100
    )
    MedicalRate.objects.create(
        category="subsistence", effective_from=dt.date(2026, 1, 1), reimbursement_percent=70,
        deductible=Decimal("1000"),
    )  # fmt: skip
    receiving(household_a, programmes["destitute-home"])
    assert medical.category_on(resident_a, dt.date(2026, 3, 1)) == "destitute"
    claim = submit(resident_a, staff_a, fund, disease, own_cost=Decimal("2000"))
    # 100 % of 2,000 = 2,000, within the cap of 3,000 (the fund's).
    assert medical.claim_decide(claim=claim, approve=True, by=subdistrict_user).amount == (
        Decimal("2000.00")
    )
    # 低保 (李娜's household): (2,000 − the 1,000 deductible) × 70 % = 700; a second
    # treatment in the year, the deductible met: 2,000 × 70 % = 1,400.
    resident_b = ResidentFactory(community=household_a.community, household=None)
    other = HouseholdFactory(community=household_a.community)
    resident_b.household = other
    resident_b.save()
    receiving(other, programmes["dibao-urban"])
    first = submit(resident_b, staff_a, fund, disease)
    assert medical.claim_decide(claim=first, approve=True, by=subdistrict_user).amount == (
        Decimal("700.00")
    )
    second = submit(
        resident_b, staff_a, fund, disease,
        treated_from=dt.date(2026, 4, 1), treated_to=dt.date(2026, 4, 5),
    )  # fmt: skip
    assert medical.claim_decide(claim=second, approve=True, by=subdistrict_user).amount == (
        Decimal("1400.00")
    )
