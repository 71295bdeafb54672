"""factory-boy factories for the shared kernel. Residents get valid, unique ID numbers."""

import datetime as dt
import itertools

import factory

from portal.accounts.models import Role, User
from portal.registry.idnumbers import build_id_number
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

_sequence = itertools.count(1)


def next_id_number(birth_date: dt.date = dt.date(1980, 5, 17), *, male: bool = True) -> str:
    """A valid ID number no other call has returned in this test run."""
    n = next(_sequence)
    # Spread over region codes so the 3-digit sequence does not run out and the birth date
    # stays the one asked for (tests depend on exact ages); only after 11,200 numbers in
    # one run would it move to the next day.
    block, within = divmod(n, 400)
    region = _REGIONS[block % len(_REGIONS)]
    day = birth_date + dt.timedelta(days=block // len(_REGIONS))
    seq = within * 2 + (1 if male else 2)
    return build_id_number(region, day, seq)


#: County codes in use to this day (the ID check refuses a code no county held since the
#: birth year).
_REGIONS = (
    "110105", "110101", "110102", "110106", "110107", "110108", "110109", "110111",
    "310101", "310104", "310105", "310106", "310107", "310109", "310110", "310112",
    "310113", "310115", "440103", "440104", "440105", "440106", "440111", "440112",
    "330102", "330105", "330106", "330108",
)  # fmt: skip


class SubDistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubDistrict
        django_get_or_create = ("name",)

    name = "东城街道"


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community
        django_get_or_create = ("name",)

    sub_district = factory.SubFactory(SubDistrictFactory)
    name = factory.Sequence(lambda n: f"测试{n}社区")
    code = factory.Sequence(lambda n: f"{(n % 99) + 1:03d}")


class CompoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Compound

    community = factory.SubFactory(CommunityFactory)
    name = factory.Sequence(lambda n: f"幸福{n}小区")


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    community = factory.SubFactory(CommunityFactory)
    compound = factory.SubFactory(CompoundFactory, community=factory.SelfAttribute("..community"))
    address = factory.Sequence(lambda n: f"{n % 30 + 1}幢{n % 6 + 1}0{n % 4 + 1}室")
    registration_type = RegistrationType.URBAN


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    community = factory.SubFactory(CommunityFactory)
    household = None
    relation_to_head = ""
    name = factory.Sequence(lambda n: f"居民{n}")
    id_number = factory.LazyFunction(next_id_number)
    birth_date = factory.LazyAttribute(
        lambda o: dt.date(int(o.id_number[6:10]), int(o.id_number[10:12]), int(o.id_number[12:14]))
    )
    gender = factory.LazyAttribute(lambda o: "M" if int(o.id_number[16]) % 2 else "F")
    phone = factory.Sequence(lambda n: f"139{n:08d}")

    class Params:
        head_of = factory.Trait(relation_to_head=Relation.HEAD)


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    slug = Tag.ELDERLY
    name = "老年人"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.RESIDENT
    community = None
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
