"""Assistance fixtures: the demo catalogue of programmes and standards, and households
with a survey, built through the services as staff would. A plugin of the root conftest,
so that the browser tests have them too."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from assistance.catalogue import install_catalogue
from assistance.models import IncomeCategory, IncomeExclusion, IncomeItem, Programme
from assistance.services import applications as services
from portal.core.dates import local_datetime
from portal.registry.models import RegistrationType, Relation
from tests.factories import HouseholdFactory, ResidentFactory, next_id_number

YEAR = 2026


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return local_datetime(day, dt.time(hour))


@pytest.fixture
def catalogue(db):
    install_catalogue(YEAR)


@pytest.fixture
def programmes(catalogue):
    return {p.code: p for p in Programme.objects.all()}


def household_with(
    community, members, *, registration=RegistrationType.URBAN, address="东南花园1幢101室"
):
    """A household whose ``members`` are (name, birth date, relation) tuples."""
    household = HouseholdFactory(
        community=community, address=address, registration_type=registration
    )
    for name, born, relation in members:
        ResidentFactory(
            community=community,
            household=household,
            relation_to_head=relation,
            name=name,
            id_number=next_id_number(born),
        )
    return household


@pytest.fixture
def zhang_household(community_a):
    """张伟's household in 东南: a couple and a child of 13 (urban)."""
    return household_with(
        community_a,
        [
            ("张伟", dt.date(1975, 4, 2), Relation.HEAD),
            ("王芳", dt.date(1978, 9, 9), Relation.SPOUSE),
            ("张小明", dt.date(2012, 6, 1), Relation.CHILD),
        ],
    )


def add_income(application, amount, *, category=IncomeCategory.WAGES, member=None, excluded=None):
    return IncomeItem.objects.create(
        application=application,
        member=member,
        category=category,
        description="工资" if category == IncomeCategory.WAGES else "收入",
        amount=Decimal(amount),
        exclusion=IncomeExclusion.objects.get(name=excluded) if excluded else None,
    )


def close_rosters(first: dt.date, last: dt.date, by) -> None:
    """Close (mark paid) the rosters of ``first`` to ``last``, each on the 10th."""
    from assistance.payments import roster_close
    from portal.core.dates import add_months

    month = first
    while month <= last:
        roster_close(month=month, by=by, now=at(month.replace(day=10)))
        month = add_months(month, 1)


def walk_to_publicity(application, staff, day, *, category="C"):
    """受理 → 调查 → 评议 → 公示 on ``day`` (the survey already entered)."""
    with time_machine.travel(at(day), tick=False):
        if application.status == "submitted":
            services.application_advance(application=application, to="accepted", by=staff)
        services.application_advance(
            application=application,
            to="investigated",
            by=staff,
            category=category,
            opinion="入户调查：家中无车辆，收入与申报一致",
        )
        services.application_advance(
            application=application, to="reviewed", by=staff, opinion="评议通过"
        )
        services.application_advance(application=application, to="publicity", by=staff)
    application.refresh_from_db()
    return application
