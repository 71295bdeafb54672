"""Issue 13.9, 赡养费 from the support obligors by the local formula (domain-rules §3.3:
support owed by 赡养/抚养/扶养 obligors is transfer income; §3.8: their family size and
income per person), instead of a typed amount:

    owed a month = (their income per person − 1 × 低保 standard) × their family size × 50 %
                   (40 % when the case has three obligors or more); nothing when their
                   income per person is not above the line; an amount agreed or ordered
                   counts instead when larger; a dated rule like the others.

赵敏 (76) lives alone (urban) with no income of her own; standard 1,100 in January and
February, 1,180 from March; 10 % elderly add-on."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from assistance.models import Obligor, RuleSet
from assistance.rules import assess
from assistance.services import applications as services
from portal.registry.models import Relation
from tests.assistance.conftest import at, household_with

pytestmark = pytest.mark.django_db

JAN, FEB, MARCH = dt.date(2026, 1, 10), dt.date(2026, 2, 10), dt.date(2026, 3, 10)


@pytest.fixture
def zhao(programmes, community_a, staff_a):
    household = household_with(
        community_a, [("赵敏", dt.date(1950, 2, 2), Relation.HEAD)], address="东南花园2幢"
    )
    with time_machine.travel(at(dt.date(2026, 1, 5)), tick=False):
        application = services.application_submit(
            household=household, programme=programmes["dibao-urban"], by=staff_a, reason="年老"
        )
    Obligor.objects.create(
        application=application, name="张大伟", relation="儿子", family_size=3,
        per_capita_income=Decimal("1400"),
    )  # fmt: skip
    Obligor.objects.create(
        application=application, name="张丽", relation="女儿", family_size=2,
        per_capita_income=Decimal("1000"),
    )  # fmt: skip
    return application


def test_support_is_computed_from_the_obligors_incomes(zhao):
    result = assess(zhao, JAN)
    # Son: (1400 − 1100) × 3 × 50 % = 450; daughter: 1000 is not above 1100: 0.
    # Income 450 a month; 1100 − 450 + 110 (elderly) = 760.
    assert (result.per_capita_income, result.monthly_amount) == (
        Decimal("450.00"), Decimal("760.00")
    )  # fmt: skip
    assert result.household_income == Decimal("5400.00")  # 450 × 12
    assert any("450.00 元" in note for note in result.notes)
    # From March (1,180): son (1400 − 1180) × 3 × 50 % = 330; 1180 − 330 + 118 = 968.
    assert assess(zhao, MARCH).monthly_amount == Decimal("968.00")


def test_three_obligors_owe_the_smaller_share(zhao):
    Obligor.objects.create(
        application=zhao, name="张小伟", relation="儿子", family_size=2,
        per_capita_income=Decimal("1300"),
    )  # fmt: skip
    # 40 %: son (1400 − 1100) × 3 × 40 % = 360; second son (1300 − 1100) × 2 × 40 % = 160;
    # daughter 0: 520; 1100 − 520 + 110 = 690.
    assert assess(zhao, JAN).monthly_amount == Decimal("690.00")


def test_an_obligor_unable_to_support_counts_what_they_agreed_and_a_larger_agreement_counts(
    zhao,
):
    son = zhao.obligors.get(name="张大伟")
    son.unable_reason = "重病住院，无力赡养"
    son.save()
    # Nothing from anybody: 1100 − 0 + 110 = 1210.
    assert assess(zhao, JAN).monthly_amount == Decimal("1210.00")
    daughter = zhao.obligors.get(name="张丽")
    daughter.monthly_support = Decimal("300")
    daughter.save()
    # The daughter agreed to 300 (the formula says 0): 1100 − 300 + 110 = 910.
    assert assess(zhao, JAN).monthly_amount == Decimal("910.00")


def test_the_formula_is_a_dated_rule(zhao, programmes):
    RuleSet.objects.create(
        programme=programmes["dibao-urban"], effective_from=dt.date(2026, 2, 1),
        obligor_share_percent=Decimal("30"), obligor_exempt_multiple=Decimal("1.2"),
    )  # fmt: skip
    # January (the settings' defaults) unchanged: 760.
    assert assess(zhao, JAN).monthly_amount == Decimal("760.00")
    # February: (1400 − 1.2 × 1100) × 3 × 30 % = 80 × 3 × 0.3 = 72; 1100 − 72 + 110 = 1138.
    result = assess(zhao, FEB)
    assert result.monthly_amount == Decimal("1138.00")
    assert result.per_capita_income == Decimal("72.00")
