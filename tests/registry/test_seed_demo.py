"""``manage.py seed_demo``: the demo structure, residents and accounts, idempotent."""

import datetime as dt
import re
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings

from portal.accounts.models import COMMUNITY_ROLES, Role, User
from portal.registry import demo, services
from portal.registry.idnumbers import build_id_number, parse_id_number
from portal.registry.models import (
    Community,
    Compound,
    Household,
    RegistrationType,
    Relation,
    Resident,
    SubDistrict,
    Tag,
)

pytestmark = pytest.mark.django_db

MOBILE = re.compile(r"^1[3-9]\d{9}$")
HistoricalResidentTags = apps.get_model("registry", "HistoricalResident_tags")


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out, **options)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [
        SubDistrict,
        Community,
        Compound,
        Household,
        Resident,
        Tag,
        Resident.tags.through,
        User,
        SubDistrict.history.model,
        Community.history.model,
        Compound.history.model,
        Household.history.model,
        Resident.history.model,
        HistoricalResidentTags,
    ]
    return {model._meta.label: model.objects.count() for model in models}


def test_refuses_with_debug_off_unless_forced():
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", residents=10, stdout=StringIO())
    assert not Community.objects.exists()
    assert not User.objects.exists()


def test_runs_with_debug_on_without_force():
    with override_settings(DEBUG=True):
        call_command("seed_demo", residents=25, stdout=StringIO())
    assert Resident.objects.count() == 25


def test_a_second_run_creates_nothing():
    first = seed(residents=150)
    assert "residents" in first
    counts = row_counts()
    assert counts["registry.Resident"] == 150

    second = seed(residents=150)

    assert row_counts() == counts
    assert "150 planned residents were registered already" in second


def test_a_larger_run_adds_only_the_difference():
    seed(residents=100)
    seed(residents=260)

    planned = list(demo.Planner().households(260))
    assert set(Resident.objects.values_list("id_number", flat=True)) == {
        member.id_number for household in planned for member in household.members
    }
    # The household the smaller run cut short was completed, not made twice.
    assert Household.objects.count() == len(planned)
    for household in Household.objects.prefetch_related("members"):
        relations = [m.relation_to_head for m in household.members.all()]
        assert relations.count(Relation.HEAD) == 1


def test_the_plan_does_not_change_with_the_day():
    first = demo.seed(residents=60, today=dt.date(2026, 3, 1))
    later = demo.seed(residents=60, today=dt.date(2031, 7, 15))

    assert first.residents == 60
    assert later.residents == later.households == later.accounts == 0
    assert later.residents_skipped == 60


def test_sub_district_communities_and_compounds():
    seed(residents=0)

    sub_district = SubDistrict.objects.get()
    assert sub_district.name == "潘火街道"
    assert sub_district.address and sub_district.phone
    communities = list(Community.objects.order_by("code"))
    assert [(c.code, c.name) for c in communities] == [
        ("001", "东南"),
        ("002", "尚诚"),
        ("003", "紫郡"),
        ("004", "世纪"),
        ("005", "雅苑"),
        ("006", "东莺"),
        ("007", "星苑"),
        ("008", "同欣"),
        ("009", "殷家"),
    ]
    for community in communities:
        assert community.sub_district == sub_district
        assert community.address and community.phone
        assert 2 <= community.compounds.count() <= 4
    assert Compound.objects.filter(name="金桥水岸").exists()
    # The registry's own tags (the apps' demos may add theirs: education's 失业人员 …).
    registry_tags = {slug for slug, _, _ in demo.TAGS}
    assert {tag.slug: tag.name for tag in Tag.objects.filter(slug__in=registry_tags)} == {
        Tag.ELDERLY: "老年人",
        Tag.DISABLED: "残疾人",
        Tag.VETERAN: "优抚对象",
        Tag.PARTY_MEMBER: "党员",
        Tag.LEAGUE_MEMBER: "团员",
        Tag.FLOATING: "流动人口",
    }


def test_residents_have_valid_identities():
    seed(residents=300)

    residents = list(Resident.objects.select_related("household"))
    assert len(residents) == 300
    assert len({r.id_number for r in residents}) == 300
    for resident in residents:
        info = parse_id_number(resident.id_number)
        assert info.number == resident.id_number
        assert info.birth_date == resident.birth_date
        assert info.gender == resident.gender
        resident.full_clean()  # field validators, household/community and head rules
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", resident.name)
        if resident.age >= 18:
            assert MOBILE.match(resident.phone), resident.phone
        else:
            assert resident.phone == ""
    # Mostly 鄞州 (330212, and 鄞县's codes for those born before 2002), some from afar.
    local = [r for r in residents if r.id_number[:6] in demo.LOCAL_REGIONS]
    assert 0.6 < len(local) / len(residents) < 0.95
    assert any(r.id_number.startswith("330212") for r in residents)


def test_every_region_code_is_valid_in_its_years():
    for origin in (demo.LOCAL_ORIGIN, *demo.FLOATING_ORIGINS):
        for year in range(1926, 2026):
            number = build_id_number(demo.region_code(origin, year), dt.date(year, 6, 15), 5)
            parse_id_number(number)  # raises if the code was not in force that year


def test_households_have_one_head_and_plausible_members():
    seed(residents=300)

    households = list(Household.objects.select_related("compound").prefetch_related("members"))
    assert households
    for household in households:
        members = list(household.members.all())
        heads = [m for m in members if m.relation_to_head == Relation.HEAD]
        assert len(heads) == 1, household.address
        head = heads[0]
        if household.compound:
            assert re.fullmatch(rf"{household.compound.name}\d+幢\d+室", household.address)
            assert household.compound.community_id == household.community_id
        else:
            assert re.fullmatch(r".+村\d+组\d+号", household.address)
        for member in members:
            assert member.community_id == household.community_id
            gap = head.age - member.age
            match member.relation_to_head:
                case Relation.SPOUSE:
                    assert abs(gap) <= 10 and member.age >= 20
                    assert member.gender != head.gender
                case Relation.CHILD:
                    assert gap >= 18
                case Relation.GRANDCHILD:
                    assert gap >= 38
                case Relation.PARENT | Relation.PARENT_IN_LAW:
                    assert -gap >= 15
                case Relation.GRANDPARENT:
                    assert -gap >= 40
                case Relation.CHILD_IN_LAW:
                    assert member.age >= 20 and gap >= 10
    registrations = {h.registration_type for h in households}
    assert registrations == {RegistrationType.URBAN, RegistrationType.RURAL}
    assert any(h.compound is None for h in households)  # village households


def test_tags_follow_age_and_origin():
    seed(residents=300)

    residents = list(Resident.objects.prefetch_related("tags"))
    seen = set()
    for resident in residents:
        slugs = {tag.slug for tag in resident.tags.all()}
        seen |= slugs
        assert (Tag.ELDERLY in slugs) == (resident.age >= settings.ELDERLY_AGE)
        if Tag.LEAGUE_MEMBER in slugs:
            assert 14 <= resident.age <= 28
            assert Tag.PARTY_MEMBER not in slugs
        if Tag.PARTY_MEMBER in slugs:
            assert resident.age >= 18
        floating = resident.id_number[:6] not in demo.LOCAL_REGIONS
        assert (Tag.FLOATING in slugs) == floating
    assert seen >= {slug for slug, _, _ in demo.TAGS}
    # The daily elderly job finds nobody left to tag.
    assert services.elderly_tags_refresh() == 0


def test_demo_accounts_have_roles_and_log_in(client):
    seed(residents=0)

    for account in demo.DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert user.role == account.role
        assert user.first_name == account.display_name
        if account.role in COMMUNITY_ROLES:
            assert user.community.name == account.community
        else:
            assert user.community is None
        user.full_clean(exclude=["password"])
        request = RequestFactory().post("/accounts/login/")
        assert client.login(
            request=request, username=account.username, password=demo.DEMO_PASSWORD
        ), account.username
        client.logout()
    roles = {account.role for account in demo.DEMO_ACCOUNTS}
    assert roles == set(Role.values)
    for role in COMMUNITY_ROLES:
        communities = User.objects.filter(role=role).values_list("community__name", flat=True)
        assert set(communities) == {"东南", "雅苑"}
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff


def test_passwords_are_reset_only_when_asked():
    seed(residents=0)
    user = User.objects.get(username="dongnan")
    user.set_password("changed-by-the-user-1")
    user.save()

    seed(residents=0)
    user.refresh_from_db()
    assert user.check_password("changed-by-the-user-1")

    out = seed(residents=0, reset_passwords=True)
    user.refresh_from_db()
    assert user.check_password(demo.DEMO_PASSWORD)
    assert f"demo password set again on {len(demo.DEMO_ACCOUNTS)} accounts" in out


def test_community_staff_see_their_own_community_only():
    seed(residents=300)
    dongnan = User.objects.get(username="dongnan")
    yayuan = User.objects.get(username="yayuan")

    visible = Resident.objects.visible_to(dongnan)
    assert visible.exists()
    assert set(visible.values_list("community__name", flat=True)) == {"东南"}
    assert visible.count() == Resident.objects.filter(community__name="东南").count()
    assert not Resident.objects.visible_to(yayuan).filter(community__name="东南").exists()
    assert Resident.objects.visible_to(User.objects.get(username="jiedao")).count() == 300
    assert not Resident.objects.visible_to(User.objects.get(username="jumin")).exists()


def test_bulk_run_writes_history():
    out = seed(residents=2000, batch_size=700)

    assert Resident.objects.count() == 2000
    assert Resident.history.count() >= 2000
    assert Resident.history.filter(history_type="+", history_change_reason="seed_demo").count() == (
        2000
    )
    assert Household.history.count() == Household.objects.count()
    # Each tag link is in the history as of the resident's creation.
    through = Resident.tags.through
    links = set(through.objects.values_list("id", "resident_id", "tag_id"))
    assert links
    assert set(HistoricalResidentTags.objects.values_list("id", "resident_id", "tag_id")) == links
    resident = Resident.objects.filter(tags__isnull=False).first()
    creation = Resident.history.get(id=resident.pk, history_type="+")
    assert set(
        HistoricalResidentTags.objects.filter(history=creation).values_list("tag_id", flat=True)
    ) == set(resident.tags.values_list("pk", flat=True))
    assert "2,000/2,000 planned" in out
