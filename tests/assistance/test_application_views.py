"""The staff pages of assistance applications: who may come in (anonymous, residents,
doctors, the other community), the whole path of a 低保 case through the pages (new
application → survey → steps → 公示 → objection answered → 批量确认), bad input refused
with a message and nothing written, the 待办/已办 tabs, the reviews due, and the query
budgets of the lists and the case page.

Assertions are on status codes, record ids, statuses, amounts and message counts, not on
text, so that they hold in Chinese and in English.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from assistance.models import (
    Application,
    Asset,
    IncomeExclusion,
    IncomeItem,
    Member,
    Obligor,
    Status,
    Step,
)
from assistance.services import applications as services
from portal.notices import services as notice_services
from portal.notices.models import ObjectionStatus
from portal.registry.models import RegistrationType, Relation
from tests.assistance.conftest import add_income, at, household_with, walk_to_publicity

pytestmark = pytest.mark.django_db

JAN_5 = dt.date(2026, 1, 5)


def url(name: str, *args) -> str:
    return reverse(f"assistance:{name}", args=args)


def login(client, user):
    client.force_login(user)
    return client


def row_ids(response) -> list[int]:
    return [application.pk for application in response.context["page_obj"]]


def errors_of(client, response) -> list[str]:
    """The error messages a redirect carries, read (and so consumed) on the next page."""
    page = client.get(response.url)
    return [m.message for m in get_messages(page.wsgi_request) if m.level_tag == "error"]


def submit(household, programme, by, **fields) -> Application:
    fields.setdefault("reason", "户主失业")
    return services.application_submit(household=household, programme=programme, by=by, **fields)


def member_named(application, name) -> Member:
    return application.members.get(resident__name=name)


# --- survey form data ---------------------------------------------------------------------------


def _management(prefix: str, total: int, initial: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _rows(prefix: str, application, stored: list, fields: list[str], new: list[dict]) -> dict:
    data = _management(prefix, len(stored) + len(new), len(stored))
    for index, row in enumerate(stored):
        data[f"{prefix}-{index}-id"] = str(row.pk)
        data[f"{prefix}-{index}-application"] = str(application.pk)
        for name in fields:
            value = getattr(row, f"{name}_id" if name in ("member", "exclusion") else name)
            data[f"{prefix}-{index}-{name}"] = "" if value is None else str(value)
    for offset, values in enumerate(new, start=len(stored)):
        data[f"{prefix}-{offset}-application"] = str(application.pk)
        for name, value in values.items():
            data[f"{prefix}-{offset}-{name}"] = "" if value is None else str(value)
    return data


def survey_data(application, *, members=None, incomes=(), assets=(), obligors=()) -> dict:
    """The survey page's POST: the members as stored (changed by ``members``, keyed by
    name), the stored incomes, assets and obligors kept, and the ``new`` rows added."""
    members = members or {}
    stored = list(application.members.select_related("resident").order_by("pk"))
    data = _management("members", len(stored), len(stored))
    for index, member in enumerate(stored):
        values = {
            "counted": member.counted,
            "not_counted_reason": member.not_counted_reason,
            "labour_capacity": member.labour_capacity,
            "severely_disabled": member.severely_disabled,
            "seriously_ill": member.seriously_ill,
            "care_tier": member.care_tier,
            "employment": member.employment,
            **members.get(member.resident.name, {}),
        }
        data[f"members-{index}-id"] = str(member.pk)
        data[f"members-{index}-application"] = str(application.pk)
        for name, value in values.items():
            if isinstance(value, bool):
                if value:
                    data[f"members-{index}-{name}"] = "on"
            else:
                data[f"members-{index}-{name}"] = value
    data |= _rows(
        "incomes",
        application,
        list(application.incomes.order_by("pk")),
        ["member", "category", "description", "amount", "exclusion"],
        list(incomes),
    )
    data |= _rows(
        "assets",
        application,
        list(application.assets.order_by("pk")),
        ["kind", "description", "value"],
        list(assets),
    )
    data |= _rows(
        "obligors",
        application,
        list(application.obligors.order_by("pk")),
        [
            "name",
            "relation",
            "id_number",
            "family_size",
            "per_capita_income",
            "monthly_support",
            "unable_reason",
        ],
        list(obligors),
    )
    return data


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def urban(programmes):
    return programmes["dibao-urban"]


@pytest.fixture
def application_a(urban, zhang_household, staff_a):
    """张伟's 城市低保 application in community A, just submitted."""
    with time_machine.travel(at(JAN_5), tick=False):
        return submit(zhang_household, urban, staff_a)


@pytest.fixture
def objection_a(application_a, staff_a, resident_user):
    """An open objection to application_a's 公示 (which reopened the investigation)."""
    add_income(application_a, "18000", member=member_named(application_a, "张伟"))
    walk_to_publicity(application_a, staff_a, dt.date(2026, 1, 8))
    resident_user.resident = member_named(application_a, "王芳").resident
    resident_user.save()
    with time_machine.travel(at(dt.date(2026, 1, 10)), tick=False):
        objection = notice_services.objection_file(
            notice=application_a.current_notice(), text="有车辆未申报", by=resident_user
        )
        return notice_services.objection_accept(objection=objection, by=staff_a)


@pytest.fixture
def pages(application_a, objection_a):
    return {
        "application-list": ("GET", url("application-list")),
        "application-create": ("GET", url("application-create")),
        "review-list": ("GET", url("review-list")),
        "application-detail": ("GET", url("application-detail", application_a.pk)),
        "application-survey": ("GET", url("application-survey", application_a.pk)),
        "application-step": ("POST", url("application-step", application_a.pk)),
        "application-batch-confirm": ("POST", url("application-batch-confirm")),
        "objection-answer": ("POST", url("objection-answer", objection_a.pk)),
    }


# --- who may come in ----------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, pages):
    for name, (method, address) in pages.items():
        response = client.get(address) if method == "GET" else client.post(address, {})
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("accounts:login")), name


@pytest.mark.parametrize("persona", ["resident_user", "doctor_a"])
def test_residents_and_doctors_get_403(client, pages, persona, request, application_a):
    login(client, request.getfixturevalue(persona))
    for name, (method, address) in pages.items():
        response = client.get(address) if method == "GET" else client.post(address, {})
        assert response.status_code == 403, name
    response = client.post(url("application-step", application_a.pk), {"to": "accepted"})
    assert response.status_code == 403
    application_a.refresh_from_db()
    assert application_a.status == Status.ACCEPTED  # as the objection left it


def test_community_staff_may_not_batch_confirm(client, staff_a, application_a):
    login(client, staff_a)
    response = client.post(url("application-batch-confirm"), {"applications": [application_a.pk]})
    assert response.status_code == 403


def test_outsider_gets_404_for_another_communitys_application(
    client, staff_b, application_a, objection_a, zhang_household
):
    login(client, staff_b)
    steps = Step.objects.count()
    for name in ("application-detail", "application-survey"):
        assert client.get(url(name, application_a.pk)).status_code == 404, name
    survey = survey_data(
        application_a, incomes=[{"category": "wages", "description": "x", "amount": "1"}]
    )
    assert client.post(url("application-survey", application_a.pk), survey).status_code == 404
    response = client.post(url("application-step", application_a.pk), {"to": "investigated"})
    assert response.status_code == 404
    response = client.post(
        url("objection-answer", objection_a.pk), {"answer": "不成立", "next": application_a.pk}
    )
    assert response.status_code == 404
    address = f"{url('application-create')}?household={zhang_household.pk}"
    assert client.get(address).status_code == 404
    assert client.post(address, {"reason": "x"}).status_code == 404
    assert Step.objects.count() == steps
    objection_a.refresh_from_db()
    assert objection_a.status == ObjectionStatus.OPEN
    assert not IncomeItem.objects.filter(description="x").exists()


def test_outsider_does_not_see_the_application_in_any_list(
    client, staff_b, subdistrict_user, application_a
):
    login(client, staff_b)
    for tab in ("todo", "done", "all"):
        assert row_ids(client.get(url("application-list"), {"tab": tab})) == [], tab
    login(client, subdistrict_user)
    assert row_ids(client.get(url("application-list"), {"tab": "all"})) == [application_a.pk]


def test_household_chooser_lists_only_visible_households(
    client, staff_a, staff_b, zhang_household, household_b, resident_b
):
    login(client, staff_b)
    response = client.get(url("application-create"), {"q": "张伟"})
    assert response.context["households"] == []
    response = client.get(url("application-create"), {"q": "李娜"})
    assert [h.pk for h in response.context["households"]] == [household_b.pk]
    login(client, staff_a)
    response = client.get(url("application-create"), {"q": "东南花园"})
    assert [h.pk for h in response.context["households"]] == [zhang_household.pk]
    assert f"?household={zhang_household.pk}" in response.text


def test_bad_household_number_is_404(client, staff_a):
    login(client, staff_a)
    assert client.get(url("application-create"), {"household": "abc"}).status_code == 404
    assert client.get(url("application-create"), {"household": "999999"}).status_code == 404


# --- the whole path through the pages ----------------------------------------------------------


def test_a_case_from_application_to_batch_confirmation(
    client, staff_a, subdistrict_user, resident_user, urban, zhang_household
):
    # 5 January: the counter enters the application.
    with time_machine.travel(at(JAN_5), tick=False):
        login(client, staff_a)
        form_url = f"{url('application-create')}?household={zhang_household.pk}"
        assert client.get(form_url).status_code == 200
        response = client.post(
            form_url,
            {"programme": urban.pk, "channel": "counter", "reason": "户主失业，子女上学"},
        )
        application = Application.objects.get()
        assert response.url == url("application-detail", application.pk)
        assert application.status == Status.SUBMITTED and application.submitted_by == staff_a
        assert application.members.count() == 3
        detail = client.get(url("application-detail", application.pk))
        assert [to for to, _label in detail.context["actions"]] == ["accepted", "not_accepted"]
        # In the caseworker's 待办 list.
        todo = client.get(url("application-list"))
        assert row_ids(todo) == [application.pk]
        client.post(url("application-step", application.pk), {"to": "accepted"})
        application.refresh_from_db()
        assert application.status == Status.ACCEPTED

    # 8 January: the survey, then investigated, reviewed and published.
    with time_machine.travel(at(dt.date(2026, 1, 8)), tick=False):
        login(client, staff_a)
        head = member_named(application, "张伟")
        pension = IncomeExclusion.objects.get(name="优待抚恤金")
        survey_url = url("application-survey", application.pk)
        assert client.get(survey_url).status_code == 200
        response = client.post(
            survey_url,
            survey_data(
                application,
                members={"张伟": {"employment": "失业"}},
                incomes=[
                    {
                        "member": head.pk,
                        "category": "wages",
                        "description": "工资",
                        "amount": "18000",
                    },
                    {
                        "member": "",
                        "category": "transfer",
                        "description": "抚恤",
                        "amount": "1200",
                        "exclusion": pension.pk,
                    },
                ],
                assets=[{"kind": "deposit", "description": "活期存款", "value": "3000"}],
                obligors=[
                    {
                        "name": "张强",
                        "relation": "兄",
                        "family_size": "3",
                        "per_capita_income": "900",
                        "monthly_support": "0",
                        "unable_reason": "本人收入低",
                    }
                ],
            ),
        )
        assert response.status_code == 302 and response.url == survey_url
        assert application.incomes.count() == 2 and application.assets.count() == 1
        assert application.obligors.get().name == "张强"
        assert member_named(application, "张伟").employment == "失业"
        assert IncomeItem.history.filter(history_user=staff_a).count() == 2
        preview = client.get(survey_url).context["preview"]
        assert preview.per_capita_income == Decimal("500.00") and preview.eligible
        assert preview.monthly_amount == Decimal("1910.00")

        step_url = url("application-step", application.pk)
        client.post(step_url, {"to": "investigated", "category": "C", "opinion": "入户调查属实"})
        client.post(step_url, {"to": "reviewed", "opinion": "评议通过"})
        client.post(step_url, {"to": "publicity"})
        application.refresh_from_db()
        assert application.status == Status.PUBLICITY
        assert application.category == "C" and application.proposed_amount == Decimal("1910.00")
        notice = application.current_notice()
        assert notice.period_ends == dt.date(2026, 1, 14)

    # 10 January: an objection reopens the case; it is answered from the case page.
    with time_machine.travel(at(dt.date(2026, 1, 10)), tick=False):
        resident_user.resident = member_named(application, "王芳").resident
        resident_user.save()
        objection = notice_services.objection_file(
            notice=notice, text="该户有一辆营运车辆未申报", by=resident_user
        )
        login(client, staff_a)
        detail = client.get(url("application-detail", application.pk))
        assert url("objection-accept", objection.pk) in detail.text
        client.post(url("objection-accept", objection.pk), {"next": application.pk})
        application.refresh_from_db()
        assert application.status == Status.ACCEPTED
        detail = client.get(url("application-detail", application.pk))
        assert [o.pk for o in detail.context["open_objections"]] == [objection.pk]
        assert url("objection-answer", objection.pk) in detail.text
        # Cannot be published again while the objection is open.
        client.post(step_url, {"to": "investigated", "category": "C", "opinion": "入户调查属实"})
        client.post(step_url, {"to": "reviewed", "opinion": "复查"})
        response = client.post(step_url, {"to": "publicity"})
        assert len(errors_of(client, response)) == 1
        application.refresh_from_db()
        assert application.status == Status.REVIEWED
        response = client.post(
            url("objection-answer", objection.pk),
            {"answer": "经入户核查，车辆已转让，异议不成立", "next": application.pk},
        )
        assert response.url == url("application-detail", application.pk)
        objection.refresh_from_db()
        assert objection.status == ObjectionStatus.ANSWERED and objection.answered_by == staff_a
        client.post(step_url, {"to": "publicity"})
        application.refresh_from_db()
        assert application.status == Status.PUBLICITY
        assert application.current_notice().period_ends == dt.date(2026, 1, 16)

    # 17 January: the period is over; the sub-district confirms from its 待办 list.
    with time_machine.travel(at(dt.date(2026, 1, 17)), tick=False):
        login(client, subdistrict_user)
        todo = client.get(url("application-list"), {"tab": "todo"})
        assert row_ids(todo) == [application.pk]
        assert [a.confirmable for a in todo.context["page_obj"]] == [True]
        assert f'id="confirm-{application.pk}"' in todo.text
        response = client.post(
            url("application-batch-confirm"),
            {"applications": [application.pk], "opinion": "同意"},
        )
        assert response.url == f"{url('application-list')}?tab=todo"
        application.refresh_from_db()
        assert application.status == Status.CONFIRMED
        assert application.certificate_number == "CS20260001"
        assert application.payment_starts == dt.date(2026, 2, 1)
        first = application.entitlements.get(reason="confirmed")
        assert first.monthly_amount == Decimal("1910.00")
        # The March raise is known already: its amount is recorded from March.
        assert application.entitlements.get(reason="standard").pays_from == dt.date(2026, 3, 1)
        done = client.get(url("application-list"), {"tab": "done"})
        assert row_ids(done) == [application.pk]
        assert row_ids(client.get(url("application-list"), {"tab": "todo"})) == []
        detail = client.get(url("application-detail", application.pk))
        assert detail.context["actions"] == [] or all(
            to == "stopped" for to, _label in detail.context["actions"]
        )
        assert "CS20260001" in detail.text


# --- bad input, refused with a message and nothing written --------------------------------------


@pytest.fixture
def accepted_a(application_a, staff_a):
    services.application_advance(application=application_a, to="accepted", by=staff_a)
    application_a.refresh_from_db()
    return application_a


def test_negative_income_is_refused_and_nothing_saved(client, staff_a, accepted_a):
    login(client, staff_a)
    head = member_named(accepted_a, "张伟")
    response = client.post(
        url("application-survey", accepted_a.pk),
        survey_data(
            accepted_a,
            members={"张伟": {"employment": "临时工"}},
            incomes=[
                {"member": head.pk, "category": "wages", "description": "工资", "amount": "-5"}
            ],
            assets=[{"kind": "deposit", "description": "存款", "value": "100"}],
        ),
    )
    assert response.status_code == 200
    errors = response.context["errors"]
    assert [(e.section, e.row, e.anchor) for e in errors] == [
        (str(response.context["survey"].SECTIONS[1][2]), 1, "id_incomes-0-amount")
    ]
    assert 'id="error-summary"' in response.text
    assert not IncomeItem.objects.exists() and not Asset.objects.exists()
    assert member_named(accepted_a, "张伟").employment == ""


def test_absurd_obligor_and_bad_member_choice_are_refused(client, staff_a, accepted_a):
    other = household_with(accepted_a.household.community, [("赵六", dt.date(1960, 1, 1), "head")])
    with time_machine.travel(at(JAN_5), tick=False):
        other_application = submit(other, accepted_a.programme, staff_a)
    foreign_member = other_application.members.get()
    login(client, staff_a)
    response = client.post(
        url("application-survey", accepted_a.pk),
        survey_data(
            accepted_a,
            incomes=[
                {
                    "member": foreign_member.pk,
                    "category": "wages",
                    "description": "工资",
                    "amount": "100",
                }
            ],
            obligors=[
                {
                    "name": "张强",
                    "relation": "兄",
                    "family_size": "300",
                    "per_capita_income": "0",
                    "monthly_support": "0",
                }
            ],
        ),
    )
    assert response.status_code == 200
    fields = sorted(e.anchor for e in response.context["errors"])
    assert fields == ["id_incomes-0-member", "id_obligors-0-family_size"]
    assert not IncomeItem.objects.exists() and not Obligor.objects.exists()


def test_survey_keeps_at_least_one_counted_member(client, staff_a, accepted_a):
    login(client, staff_a)
    everyone_out = {
        name: {"counted": False, "not_counted_reason": "外出务工"}
        for name in ("张伟", "王芳", "张小明")
    }
    response = client.post(
        url("application-survey", accepted_a.pk),
        survey_data(
            accepted_a,
            members=everyone_out,
            incomes=[{"member": "", "category": "wages", "description": "工资", "amount": "10"}],
        ),
    )
    assert response.status_code == 200
    assert len(response.context["problems"]) == 1
    assert accepted_a.members.filter(counted=True).count() == 3
    assert not IncomeItem.objects.exists()


def test_not_counted_member_needs_a_reason(client, staff_a, accepted_a):
    login(client, staff_a)
    response = client.post(
        url("application-survey", accepted_a.pk),
        survey_data(accepted_a, members={"王芳": {"counted": False}}),
    )
    assert response.status_code == 200
    assert [e.anchor for e in response.context["errors"]] == ["id_members-1-not_counted_reason"]
    assert accepted_a.members.filter(counted=True).count() == 3


def test_survey_rows_can_be_deleted(client, staff_a, accepted_a):
    item = add_income(accepted_a, "500")
    login(client, staff_a)
    data = survey_data(accepted_a)
    data["incomes-0-DELETE"] = "on"
    response = client.post(url("application-survey", accepted_a.pk), data)
    assert response.status_code == 302
    assert not IncomeItem.objects.filter(pk=item.pk).exists()


def test_survey_page_is_closed_outside_investigation(client, staff_a, application_a):
    login(client, staff_a)
    response = client.get(url("application-survey", application_a.pk))  # submitted
    assert response.url == url("application-detail", application_a.pk)
    data = survey_data(
        application_a, incomes=[{"category": "wages", "description": "x", "amount": "1"}]
    )
    response = client.post(url("application-survey", application_a.pk), data)
    assert response.url == url("application-detail", application_a.pk)
    assert not IncomeItem.objects.exists()


def test_out_of_order_step_is_refused(client, staff_a, application_a):
    login(client, staff_a)
    steps = Step.objects.count()
    response = client.post(url("application-step", application_a.pk), {"to": "publicity"})
    assert response.url == url("application-detail", application_a.pk)
    assert len(errors_of(client, response)) == 1
    response = client.post(url("application-step", application_a.pk), {"to": "nonsense"})
    assert len(errors_of(client, response)) == 1
    application_a.refresh_from_db()
    assert application_a.status == Status.SUBMITTED and Step.objects.count() == steps


def test_refusal_needs_a_written_reason(client, staff_a, application_a):
    login(client, staff_a)
    response = client.post(url("application-step", application_a.pk), {"to": "not_accepted"})
    assert len(errors_of(client, response)) == 1
    application_a.refresh_from_db()
    assert application_a.status == Status.SUBMITTED
    data = {"to": "not_accepted", "opinion": "户籍不符"}
    # Asked first (the dialog without JavaScript): nothing happens yet.
    asked = client.post(url("application-step", application_a.pk), data)
    assert "确定不予受理吗？" in asked.text and "书面告知" in asked.text
    assert 'name="opinion" value="户籍不符"' in asked.text
    application_a.refresh_from_db()
    assert application_a.status == Status.SUBMITTED
    client.post(url("application-step", application_a.pk), {**data, "confirmed": "1"})
    application_a.refresh_from_db()
    assert application_a.status == Status.NOT_ACCEPTED


def test_the_refusing_buttons_ask_in_a_dialog(client, staff_a, application_a):
    login(client, staff_a)
    page = client.get(application_a.get_absolute_url())
    assert (
        'value="not_accepted" class="btn btn-lg btn-outline-danger" data-confirm="确定不予受理吗？"'
        in (page.text)
    )


def test_community_staff_cannot_confirm(client, staff_a, application_a):
    add_income(application_a, "18000", member=member_named(application_a, "张伟"))
    walk_to_publicity(application_a, staff_a, dt.date(2026, 1, 8))
    with time_machine.travel(at(dt.date(2026, 1, 20)), tick=False):
        login(client, staff_a)
        detail = client.get(url("application-detail", application_a.pk))
        assert "confirmed" not in [to for to, _label in detail.context["actions"]]
        response = client.post(url("application-step", application_a.pk), {"to": "confirmed"})
        assert len(errors_of(client, response)) == 1
    application_a.refresh_from_db()
    assert application_a.status == Status.PUBLICITY and not application_a.certificate_number


def test_batch_confirm_is_all_or_nothing(client, staff_a, subdistrict_user, urban, community_a):
    ready = household_with(community_a, [("钱一", dt.date(1970, 1, 1), Relation.HEAD)])
    late = household_with(
        community_a, [("孙二", dt.date(1971, 1, 1), Relation.HEAD)], address="东南花园2幢"
    )
    with time_machine.travel(at(JAN_5), tick=False):
        first, second = submit(ready, urban, staff_a), submit(late, urban, staff_a)
    for application, day in ((first, dt.date(2026, 1, 6)), (second, dt.date(2026, 1, 12))):
        add_income(application, "1200")
        walk_to_publicity(application, staff_a, day)
    with time_machine.travel(at(dt.date(2026, 1, 14)), tick=False):
        login(client, subdistrict_user)
        todo = client.get(url("application-list"), {"tab": "todo"})
        assert row_ids(todo) == [first.pk]  # the second's period is still running
        response = client.post(
            url("application-batch-confirm"), {"applications": [first.pk, second.pk]}
        )
        assert len(errors_of(client, response)) >= 2
        response = client.post(url("application-batch-confirm"), {})
        assert len(errors_of(client, response)) == 1
    for application in (first, second):
        application.refresh_from_db()
        assert application.status == Status.PUBLICITY and not application.certificate_number


def test_batch_confirm_refuses_an_application_it_cannot_see(
    client, subdistrict_user, application_a
):
    login(client, subdistrict_user)
    response = client.post(url("application-batch-confirm"), {"applications": ["999999"]})
    assert len(errors_of(client, response)) == 1


def test_create_refuses_a_programme_of_the_other_registration(
    client, staff_a, programmes, zhang_household
):
    login(client, staff_a)
    form_url = f"{url('application-create')}?household={zhang_household.pk}"
    offered = list(client.get(form_url).context["form"].fields["programme"].queryset)
    assert programmes["dibao-rural"] not in offered and programmes["dibao-urban"] in offered
    assert programmes["special-disease"] not in offered
    response = client.post(
        form_url,
        {"programme": programmes["dibao-rural"].pk, "channel": "counter", "reason": "困难"},
    )
    assert response.status_code == 200 and "programme" in response.context["form"].errors
    assert not Application.objects.exists()


def test_create_shows_the_services_refusal(client, staff_a, urban, application_a):
    login(client, staff_a)
    form_url = f"{url('application-create')}?household={application_a.household_id}"
    response = client.post(
        form_url, {"programme": urban.pk, "channel": "counter", "reason": "再申"}
    )
    assert response.status_code == 200
    assert len(response.context["form"].non_field_errors()) == 1
    assert Application.objects.count() == 1


def test_temporary_assistance_needs_an_amount(client, staff_a, programmes, zhang_household):
    login(client, staff_a)
    form_url = f"{url('application-create')}?household={zhang_household.pk}"
    temporary = programmes["temporary-emergency"]
    data = {"programme": temporary.pk, "channel": "on_behalf", "reason": "火灾"}
    response = client.post(form_url, data)
    assert "requested_amount" in response.context["form"].errors
    response = client.post(form_url, {**data, "requested_amount": "-3"})
    assert "requested_amount" in response.context["form"].errors
    assert not Application.objects.exists()
    response = client.post(form_url, {**data, "requested_amount": "3000", "staff_relative": "on"})
    application = Application.objects.get()
    assert application.requested_amount == Decimal("3000") and application.staff_relative
    assert application.channel == "on_behalf"


def test_objection_answer_goes_back_to_the_list_for_an_unseen_next(
    client, staff_a, objection_a, application_b
):
    login(client, staff_a)
    response = client.post(
        url("objection-answer", objection_a.pk), {"answer": "不成立", "next": application_b.pk}
    )
    assert response.url == url("application-list")
    objection_a.refresh_from_db()
    assert objection_a.status == ObjectionStatus.ANSWERED


def test_empty_objection_answer_is_refused(client, staff_a, objection_a, application_a):
    login(client, staff_a)
    response = client.post(
        url("objection-answer", objection_a.pk), {"answer": " ", "next": application_a.pk}
    )
    assert response.url == url("application-detail", application_a.pk)
    assert len(errors_of(client, response)) == 1
    objection_a.refresh_from_db()
    assert objection_a.status == ObjectionStatus.OPEN


# --- tabs and filters ---------------------------------------------------------------------------


@pytest.fixture
def application_b(urban, household_b, resident_b, staff_b):
    household_b.registration_type = RegistrationType.URBAN
    household_b.save()
    with time_machine.travel(at(JAN_5), tick=False):
        return submit(household_b, urban, staff_b)


def test_todo_tab_by_role(client, staff_a, subdistrict_user, application_a):
    login(client, staff_a)
    assert row_ids(client.get(url("application-list"))) == [application_a.pk]
    login(client, subdistrict_user)
    # Sub-district staff are caseworkers too: an application just made waits for them.
    assert row_ids(client.get(url("application-list"), {"tab": "todo"})) == [application_a.pk]
    assert row_ids(client.get(url("application-list"), {"tab": "done"})) == []


def test_reviewed_without_publicity_waits_for_the_sub_district(
    client, staff_a, subdistrict_user, programmes, community_a
):
    orphan = household_with(
        community_a,
        [("周小", dt.date(2015, 3, 1), Relation.HEAD)],
        address="东南花园9幢",
    )
    with time_machine.travel(at(JAN_5), tick=False):
        application = submit(orphan, programmes["orphan"], staff_a)
        services.application_advance(application=application, to="accepted", by=staff_a)
        services.application_advance(
            application=application, to="investigated", by=staff_a, category="A", opinion="入户调查"
        )
        services.application_advance(
            application=application, to="reviewed", by=staff_a, opinion="同意"
        )
        login(client, staff_a)
        assert row_ids(client.get(url("application-list"))) == []
        done = client.get(url("application-list"), {"tab": "done"})
        assert row_ids(done) == [application.pk]
        login(client, subdistrict_user)
        todo = client.get(url("application-list"))
        assert row_ids(todo) == [application.pk]
        assert [a.confirmable for a in todo.context["page_obj"]] == [True]


def test_list_filters(client, subdistrict_user, application_a, application_b, programmes):
    login(client, subdistrict_user)
    address = url("application-list")
    everything = {"tab": "all"}
    assert sorted(row_ids(client.get(address, everything))) == sorted(
        [application_a.pk, application_b.pk]
    )
    community = application_a.household.community_id
    assert row_ids(client.get(address, {**everything, "community": community})) == [
        application_a.pk
    ]
    assert row_ids(client.get(address, {**everything, "q": "李娜"})) == [application_b.pk]
    assert row_ids(client.get(address, {**everything, "q": "东南花园1幢"})) == [application_a.pk]
    assert row_ids(client.get(address, {**everything, "status": "publicity"})) == []
    rural = programmes["dibao-rural"].pk
    assert row_ids(client.get(address, {**everything, "programme": rural})) == []
    # A bad tab falls back to the 待办 list.
    assert client.get(address, {"tab": "nonsense"}).context["tab"] == "todo"


def test_community_staff_has_no_community_filter(client, staff_a, application_a):
    login(client, staff_a)
    response = client.get(url("application-list"), {"tab": "all"})
    assert "community" not in response.context["form"].fields
    assert response.context["batch"] is False
    assert url("application-batch-confirm") not in response.text


# --- reviews ------------------------------------------------------------------------------------


def _in_payment(application, next_review_on):
    # Test set-up only: a confirmed case in payment, its review date set.
    Application.objects.filter(pk=application.pk).update(
        status=Status.PAYING, next_review_on=next_review_on, proposed_amount=Decimal("800")
    )


def test_review_list_flags_overdue_and_starts_a_review(
    client, staff_a, application_a, urban, community_a
):
    later = household_with(community_a, [("吴七", dt.date(1950, 1, 1), Relation.HEAD)])
    with time_machine.travel(at(JAN_5), tick=False):
        second = submit(later, urban, staff_a)
    far = household_with(community_a, [("郑八", dt.date(1951, 1, 1), Relation.HEAD)])
    with time_machine.travel(at(JAN_5), tick=False):
        third = submit(far, urban, staff_a)
    _in_payment(application_a, dt.date(2026, 8, 1))
    _in_payment(second, dt.date(2026, 7, 25))
    _in_payment(third, dt.date(2026, 9, 1))
    with time_machine.travel(at(dt.date(2026, 7, 28)), tick=False):
        login(client, staff_a)
        response = client.get(url("review-list"))
        assert row_ids(response) == [second.pk, application_a.pk]
        assert response.text.count('class="badge text-bg-danger overdue"') == 1
        client.post(url("application-step", second.pk), {"to": "reviewing"})
    second.refresh_from_db()
    assert second.status == Status.REVIEWING
    assert second.survey_editable


def test_review_list_is_scoped(client, staff_b, application_a):
    _in_payment(application_a, dt.date(2026, 1, 1))
    login(client, staff_b)
    assert row_ids(client.get(url("review-list"))) == []


# --- query budgets ------------------------------------------------------------------------------


def _applications(community, programme, by, count):
    made = []
    for number in range(count):
        household = household_with(
            community,
            [(f"户主{number}", dt.date(1970, 1, 1), Relation.HEAD)],
            address=f"东南花园{number}幢",
        )
        made.append(submit(household, programme, by))
    return made


@pytest.mark.parametrize("count", [1, 15])
@pytest.mark.parametrize("tab", ["todo", "done", "all"])
def test_list_queries_do_not_grow(
    client, subdistrict_user, urban, community_a, count, tab, django_assert_max_num_queries
):
    made = _applications(community_a, urban, subdistrict_user, count)
    for application in made:
        services.application_advance(application=application, to="accepted", by=subdistrict_user)
    login(client, subdistrict_user)
    client.get(url("application-list"))  # the session is stamped on the first request
    # session, user, communities and programmes (the filter's selects), count (then
    # cached), the page of applications picked by a subquery of their keys (head's name,
    # confirmable and the tab's test as subqueries), then the session's stamp: savepoint,
    # update, release.
    with django_assert_max_num_queries(9):
        response = client.get(url("application-list"), {"tab": tab})
    assert len(row_ids(response)) == count


@pytest.mark.parametrize("count", [1, 15])
def test_review_list_queries_do_not_grow(
    client, staff_a, urban, community_a, count, django_assert_max_num_queries
):
    for application in _applications(community_a, urban, staff_a, count):
        _in_payment(application, dt.date(2026, 1, 1))
    login(client, staff_a)
    client.get(url("review-list"))
    # session, user, count, the page of applications (head's name as a subquery), then
    # the session's stamp: savepoint, update, release.
    with django_assert_max_num_queries(7):
        response = client.get(url("review-list"))
    assert len(row_ids(response)) == count


@pytest.mark.parametrize("rows", [1, 10])
def test_detail_queries_do_not_grow(
    client, staff_a, objection_a, application_a, rows, django_assert_max_num_queries
):
    # A full case: three members, incomes (some not counted), assets, obligors, the
    # steps to a 公示 and an open objection to it.
    for _number in range(rows):
        add_income(application_a, "1200", excluded="优待抚恤金")
        Asset.objects.create(application=application_a, kind="deposit", description="存款", value=1)
        Obligor.objects.create(application=application_a, name="张强", relation="兄")
    login(client, staff_a)
    client.get(url("application-detail", application_a.pk))
    # session, user, the application (programme, household, community), members
    # (residents), objections (notices, who answered), the official calendar for the
    # decision deadline, incomes (members, residents, exclusions), assets, obligors,
    # steps (who, notices), entitlements, the other 低保/特困/边缘 cases of its members,
    # then the session's stamp: savepoint, update, release.
    with django_assert_max_num_queries(15):
        response = client.get(url("application-detail", application_a.pk))
    assert len(response.context["members"]) == 3
