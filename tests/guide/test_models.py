"""What pages rely on from one guide entry and from the query set."""

import pytest

from portal.guide.models import Category, ServiceEntry
from tests.guide.factories import ServiceEntryFactory


def entry(**fields) -> ServiceEntry:
    return ServiceEntry(**fields)


def test_material_and_step_lists_drop_blank_lines():
    e = entry(materials="\n 身份证 \r\n\r\n户口簿\n   \n", steps="申请。\n\n审核。")
    assert e.material_list() == ["身份证", "户口簿"]
    assert e.step_list() == ["申请。", "审核。"]
    assert entry(materials="", steps="").material_list() == []


@pytest.mark.parametrize(
    ("contact", "numbers"),
    [
        ("街道社会救助窗口 0574-88120011", [("0574-88120011", "057488120011")]),
        (
            "0574 8812 1001；手机 13912345678",
            [("0574 8812 1001", "057488121001"), ("13912345678", "13912345678")],
        ),
        ("政务服务热线 12345", [("12345", "12345")]),
        ("所在社区居委会", []),
        ("2号楼3室", []),  # too short to dial
    ],
)
def test_phone_numbers_are_found_in_the_contact_text(contact, numbers):
    assert entry(contact=contact).phone_numbers() == numbers


def test_contact_parts_keep_the_text_around_the_numbers():
    parts = entry(contact="窗口 0574-88120011（上午）").contact_parts()
    assert parts == [("窗口 ", ""), ("0574-88120011", "057488120011"), ("（上午）", "")]


def test_closed_entries_offer_no_online_application():
    assert entry(online_path="/services/", status="active").can_apply_online
    assert not entry(online_path="/services/", status="closed").can_apply_online
    assert not entry(online_path="", status="active").can_apply_online


@pytest.mark.django_db
def test_public_includes_closed_entries():
    open_entry = ServiceEntryFactory()
    closed = ServiceEntryFactory(closed=True)
    assert set(ServiceEntry.objects.public()) == {open_entry, closed}


@pytest.mark.django_db
def test_search_matches_each_searchable_field():
    fields = {
        "title": "临时救助",
        "summary": "意外事件",
        "keywords": "急难",
        "eligibility": "居住证",
        "materials": "事故认定书",
    }
    for field, value in fields.items():
        ServiceEntryFactory(slug=field, **{field: value})
    ServiceEntryFactory(slug="other", fee="事故认定书")  # the fee is not searched
    for field, value in fields.items():
        assert [e.slug for e in ServiceEntry.objects.search(value)] == [field], field
    assert ServiceEntry.objects.search("").count() == 6


@pytest.mark.django_db
def test_in_category():
    ServiceEntryFactory(slug="a", category=Category.HEALTH)
    ServiceEntryFactory(slug="b", category=Category.EDUCATION)
    assert [e.slug for e in ServiceEntry.objects.in_category(Category.HEALTH)] == ["a"]


@pytest.mark.django_db
def test_saving_lowers_the_slug():
    assert ServiceEntryFactory(slug=" DiBao ").slug == "dibao"
