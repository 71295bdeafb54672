"""The rules objects: who is eligible for a programme and for how much (domain-rules §3).

Each programme names one rules object (``Programme.rule``). A rules object reads a
``Survey`` (the household as the survey found it, ages on the day computed for) and the
standards in force on that day, and returns an ``Assessment``; it writes nothing. Every
local number comes from a setting or a ``Standard`` row.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from assistance.models import (
    Application,
    AssetKind,
    LabourCapacity,
    Programme,
    Rule,
    RuleSet,
    Standard,
)
from assistance.models.programmes import register_rules
from assistance.texts import money_text

CENT = Decimal("0.01")
#: 未成年: under 18; 特困 counts those under 16 as unable to work (§3.6).
ADULT_AGE = 18
WORKING_AGE = 16


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SurveyMember:
    age: int
    counted: bool = True
    labour_capacity: str = LabourCapacity.FULL
    severely_disabled: bool = False
    seriously_ill: bool = False
    care_tier: str = ""
    in_school: bool = False
    #: The member's own incomes: (amount, exclusion id or None).
    incomes: tuple[tuple[Decimal, int | None], ...] = ()


@dataclass(frozen=True)
class Survey:
    """What the rules need of an application, ages taken on the day computed for."""

    programme: Programme
    registration_type: str
    lookback_months: int
    members: tuple[SurveyMember, ...]
    #: Income of counted members over the look-back period: (amount, exclusion id or None).
    incomes: tuple[tuple[Decimal, int | None], ...] = ()
    #: Support the obligors owe per month, counted as transfer income.
    monthly_support: Decimal = Decimal("0")
    financial_assets: Decimal = Decimal("0")
    requested_amount: Decimal | None = None
    #: 临时救助: the household's other temporary payments (month, amount), and the
    #: amount of a recorded 一事一议 decision for this case.
    temporary_paid: tuple[tuple[dt.date, Decimal], ...] = ()
    special_amount: Decimal | None = None
    #: 支出型: rigid expenses over the look-back period (None: not recorded).
    rigid_expenses: Decimal | None = None
    #: Assets besides deposits: (kind, value, description).
    other_assets: tuple[tuple[str, Decimal, str], ...] = ()
    #: Counted members with wage income (for the 就业成本 deduction) and their wages.
    wage_earners: tuple[Decimal, ...] = ()
    #: Obligors found able to support (no reason recorded why they cannot).
    able_obligors: tuple[str, ...] = ()
    #: Support obligors (赡养/抚养/扶养人): (family size, their income per person a month,
    #: support agreed or ordered a month, found unable to support). Empty in facts stored
    #: before the formula: ``monthly_support`` is then the support counted.
    obligors: tuple[tuple[int, Decimal, Decimal, bool], ...] = ()
    #: Incomes of the household as a whole (no member): (amount, exclusion id or None).
    household_incomes: tuple[tuple[Decimal, int | None], ...] = ()

    @property
    def counted_members(self) -> tuple[SurveyMember, ...]:
        return tuple(m for m in self.members if m.counted)

    def counted_income(self, rules: RuleSet, incomes: Any = None) -> Decimal:
        """The incomes counted under ``rules`` (the programme's list of incomes not
        counted; by default every item marked as not counted is left out)."""
        excluded = rules.excluded_ids()
        return sum(
            (
                amount
                for amount, exclusion in (self.incomes if incomes is None else incomes)
                if exclusion is None or (excluded is not None and exclusion not in excluded)
            ),
            Decimal("0"),
        )


@dataclass
class Assessment:
    eligible: bool
    counted_members: int
    household_income: Decimal
    per_capita_income: Decimal
    standard: Standard | None = None
    monthly_amount: Decimal = Decimal("0")
    addon_amount: Decimal = Decimal("0")
    one_off: bool = False
    notes: list[str] = field(default_factory=list)
    #: The rules used (an unsaved row: the settings' defaults).
    rules: RuleSet | None = None
    #: Counted household income per month, unrounded (the amount is rounded once).
    monthly_income: Decimal = Decimal("0")
    #: Refused because the income is no longer below the standard (渐退期 may apply).
    income_above: bool = False

    @property
    def standard_amount(self) -> Decimal | None:
        return self.standard.monthly_amount if self.standard else None

    @property
    def rules_row(self) -> RuleSet | None:
        """The saved rules row used, None for the settings' defaults."""
        return self.rules if self.rules is not None and self.rules.pk else None

    def refuse(self, note: str) -> "Assessment":
        self.eligible = False
        self.monthly_amount = self.addon_amount = Decimal("0")
        self.notes.append(note)
        return self


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def facts_of(application: Application) -> dict[str, Any]:
    """The application's survey as plain data (stored on each entitlement), so that a
    month can be priced again from the facts in force in it."""
    members = list(application.members.select_related("resident"))
    counted_ids = {m.pk for m in members if m.counted}
    return {
        "registration_type": application.registration_type,
        "lookback_months": application.lookback_months,
        "members": [
            {
                "born": m.resident.birth_date.isoformat(),
                "counted": m.counted,
                "labour_capacity": m.labour_capacity,
                "severely_disabled": m.severely_disabled,
                "seriously_ill": m.seriously_ill,
                "care_tier": m.care_tier,
                "in_school": m.in_school,
                "incomes": [
                    [str(item.amount), item.exclusion_id]
                    for item in application.incomes.all()
                    if item.member_id == m.pk
                ],
            }
            for m in members
        ],
        "household_incomes": [
            [str(item.amount), item.exclusion_id]
            for item in application.incomes.all()
            if item.member_id is None
        ],
        "able_obligors": [
            o.name for o in application.obligors.all() if not o.unable_reason.strip()
        ],
        "incomes": [
            [str(item.amount), item.exclusion_id]
            for item in application.incomes.all()
            if item.member_id is None or item.member_id in counted_ids
        ],
        "monthly_support": str(
            sum((o.monthly_support for o in application.obligors.all()), Decimal("0"))
        ),
        "obligors": [
            [
                o.family_size,
                str(o.per_capita_income),
                str(o.monthly_support),
                bool(o.unable_reason.strip()),
            ]
            for o in application.obligors.all()
        ],
        "other_assets": [
            [a.kind, str(a.value), a.description]
            for a in application.assets.all()
            if a.kind not in (AssetKind.DEPOSIT, AssetKind.SECURITIES)
        ],
        "wage_earners": _wage_earners(application, counted_ids),
        "financial_assets": str(
            sum(
                (
                    a.value
                    for a in application.assets.all()
                    if a.kind in (AssetKind.DEPOSIT, AssetKind.SECURITIES)
                ),
                Decimal("0"),
            )
        ),
        "requested_amount": (
            str(application.requested_amount) if application.requested_amount else None
        ),
        "rigid_expenses": (
            str(application.rigid_expenses) if application.rigid_expenses is not None else None
        ),
        **(_temporary_facts(application) if application.programme.rule == Rule.TEMPORARY else {}),
    }


def _wage_earners(application: Application, counted_ids: set[int]) -> list[str]:
    """Wages over the look-back period of each counted member who earns any."""
    from assistance.models import IncomeCategory

    wages: dict[int, Decimal] = {}
    for item in application.incomes.all():
        if (
            item.category == IncomeCategory.WAGES
            and item.member_id in counted_ids
            and item.exclusion_id is None
        ):
            wages[item.member_id] = wages.get(item.member_id, Decimal("0")) + item.amount
    return [str(amount) for amount in wages.values() if amount > 0]


def _temporary_facts(application: Application) -> dict[str, Any]:
    from assistance.models import Entitlement, SpecialDecision

    paid = Entitlement.objects.filter(
        application__household_id=application.household_id,
        application__programme__rule=Rule.TEMPORARY,
        one_off=True,
        monthly_amount__gt=0,
    ).exclude(application=application)
    decision = SpecialDecision.objects.filter(application=application).first()
    return {
        "temporary_paid": [[e.pays_from.isoformat(), str(e.monthly_amount)] for e in paid],
        "special_amount": str(decision.amount) if decision else None,
    }


def survey_from_facts(programme: Programme, facts: dict[str, Any], on: dt.date) -> Survey:
    """The survey the rules read from stored facts, ages on ``on``."""
    return Survey(
        programme=programme,
        registration_type=facts["registration_type"],
        lookback_months=facts["lookback_months"],
        members=tuple(
            SurveyMember(
                age=_age(dt.date.fromisoformat(m["born"]), on),
                counted=m["counted"],
                labour_capacity=m["labour_capacity"],
                severely_disabled=m["severely_disabled"],
                seriously_ill=m["seriously_ill"],
                care_tier=m["care_tier"],
                in_school=m.get("in_school", False),
                incomes=tuple((Decimal(a), exclusion) for a, exclusion in m.get("incomes", [])),
            )
            for m in facts["members"]
        ),
        able_obligors=tuple(facts.get("able_obligors", ())),
        household_incomes=tuple(
            (Decimal(a), exclusion) for a, exclusion in facts.get("household_incomes", [])
        ),
        incomes=tuple((Decimal(a), exclusion) for a, exclusion in facts["incomes"]),
        monthly_support=Decimal(facts["monthly_support"]),
        obligors=tuple(
            (int(size), Decimal(income), Decimal(agreed), bool(unable))
            for size, income, agreed, unable in facts.get("obligors", [])
        ),
        financial_assets=Decimal(facts["financial_assets"]),
        requested_amount=(
            Decimal(facts["requested_amount"]) if facts.get("requested_amount") else None
        ),
        temporary_paid=tuple(
            (dt.date.fromisoformat(month), Decimal(amount))
            for month, amount in facts.get("temporary_paid", [])
        ),
        special_amount=(Decimal(facts["special_amount"]) if facts.get("special_amount") else None),
        other_assets=tuple(
            (kind, Decimal(value), description)
            for kind, value, description in facts.get("other_assets", [])
        ),
        wage_earners=tuple(Decimal(w) for w in facts.get("wage_earners", [])),
        rigid_expenses=(
            Decimal(facts["rigid_expenses"]) if facts.get("rigid_expenses") is not None else None
        ),
    )


def survey_of(application: Application, on: dt.date) -> Survey:
    """The application's survey as the rules read it, ages on ``on``."""
    return survey_from_facts(application.programme, facts_of(application), on)


class ProgrammeRules:
    """Income arithmetic shared by every programme; subclasses decide."""

    def assess(self, survey: Survey, on: dt.date) -> Assessment:
        """Assess ``survey`` by the programme's rules in force on ``on``. Amounts are
        computed from the household's total and rounded once, at the end."""
        rules = RuleSet.objects.in_force(survey.programme, on)
        counted = len(survey.counted_members)
        support, support_note = self.obligor_support(survey, on, rules)
        income = survey.counted_income(rules) + support * survey.lookback_months
        monthly_income = income / survey.lookback_months
        per_capita = money(monthly_income / counted) if counted else Decimal("0")
        result = Assessment(
            eligible=True,
            counted_members=counted,
            household_income=money(income),
            per_capita_income=per_capita,
            rules=rules,
            monthly_income=monthly_income,
        )
        if support_note:
            result.notes.append(support_note)
        if not counted:
            return result.refuse(_("No member is counted in the household."))
        return self.decide(survey, on, result)

    @staticmethod
    def obligor_support(survey: Survey, on: dt.date, rules: RuleSet) -> tuple[Decimal, str]:
        """The support (赡养费) counted a month as transfer income, unrounded, and a note
        saying how: per obligor, the local formula (:meth:`RuleSet.support_owed`) on the
        低保 standard in force on ``on``, or the amount agreed or ordered if larger; an
        obligor found unable to support counts only what they agreed to pay. Facts stored
        before the formula count their typed total."""
        if not survey.obligors:
            return survey.monthly_support, ""
        standard = Standard.objects.subsistence_in_force(survey.registration_type, on)
        line = standard.monthly_amount if standard else None
        total = Decimal("0")
        for size, income, agreed, unable in survey.obligors:
            owed = (
                Decimal("0")
                if unable or line is None
                else rules.support_owed(size, income, line, len(survey.obligors))
            )
            total += max(owed, agreed)
        if total <= 0:
            return total, ""
        return total, _("Support owed by obligors counted: %(amount)s a month.") % {
            "amount": money_text(money(total))
        }

    @staticmethod
    def below(result: Assessment, line: Decimal) -> bool:
        """Per-capita income below ``line``, compared unrounded (household income
        against the line for the household)."""
        return result.monthly_income < line * result.counted_members

    def decide(self, survey: Survey, on: dt.date, result: Assessment) -> Assessment:
        raise NotImplementedError

    # --- shared tests ------------------------------------------------------------------

    @staticmethod
    def subsistence_standard(survey: Survey, on: dt.date, result: Assessment) -> Standard | None:
        standard = Standard.objects.subsistence_in_force(survey.registration_type, on)
        if standard is None:
            result.refuse(
                _("No minimum living standard is in force for %(type)s households on %(date)s.")
                % {"type": _registration_label(survey), "date": on.isoformat()}
            )
        return standard

    @staticmethod
    def own_standard(survey: Survey, on: dt.date, care_tier: str = "") -> Standard | None:
        return Standard.objects.in_force(survey.programme, survey.registration_type, on, care_tier)

    @classmethod
    def programme_standard(cls, survey: Survey, on: dt.date, result: Assessment) -> Standard | None:
        """The programme's own standard in force on ``on``; without one, ``result`` is
        refused with the reason (as :meth:`subsistence_standard` does for 低保)."""
        standard = cls.own_standard(survey, on)
        if standard is None:
            result.refuse(
                _("No standard of %(programme)s is in force on %(date)s.")
                % {"programme": survey.programme, "date": on.isoformat()}
            )
        return standard

    @staticmethod
    def employment_cost(survey: Survey, line: Decimal, result: Assessment) -> None:
        """就业成本 (§3.3): each working member's wages less a share of the standard a
        month (never below nothing), by the rules' percent; changes the income counted."""
        percent = result.rules.employment_cost_percent
        if not percent or not survey.wage_earners:
            return
        deduction = sum(
            (
                min(wages / survey.lookback_months, line * percent / 100)
                for wages in survey.wage_earners
            ),
            Decimal("0"),
        )
        result.monthly_income -= deduction
        result.household_income = money(result.monthly_income * survey.lookback_months)
        result.per_capita_income = money(result.monthly_income / result.counted_members)
        result.notes.append(
            _("Employment cost deducted: %(amount)s a month.") % {"amount": money_text(deduction)}
        )

    @staticmethod
    def other_assets_allowed(survey: Survey, result: Assessment) -> bool:
        """Vehicles, housing besides the home and businesses by the local rule: refused,
        or put to the community review with the reason (noted on the assessment)."""
        rules = result.rules
        for kind, value, description in survey.other_assets:
            if kind == AssetKind.VEHICLE:
                if value > rules.vehicle_value_limit:
                    result.refuse(
                        _("A vehicle (%(what)s) worth %(value)s, more than %(limit)s.")
                        % {
                            "what": description,
                            "value": money_text(value),
                            "limit": money_text(rules.vehicle_value_limit),
                        }
                    )
                    return False
                result.notes.append(
                    _("For the community review: a vehicle (%(what)s) worth %(value)s.")
                    % {"what": description, "value": money_text(value)}
                )
            elif kind in (AssetKind.HOUSING, AssetKind.BUSINESS):
                rule = (
                    rules.other_housing_rule if kind == AssetKind.HOUSING else rules.business_rule
                )
                label = AssetKind(kind).label
                if rule == "refuse":
                    result.refuse(
                        _("%(kind)s (%(what)s): not eligible by the local rule.")
                        % {"kind": label, "what": description}
                    )
                    return False
                result.notes.append(
                    _("For the community review: %(kind)s (%(what)s).")
                    % {"kind": label, "what": description}
                )
        return True

    @classmethod
    def assets_within_limit(cls, survey: Survey, yardstick: Decimal, result: Assessment) -> bool:
        if not cls.other_assets_allowed(survey, result):
            return False
        months = result.rules.asset_limit_months
        limit = yardstick * months * result.counted_members
        if survey.financial_assets > limit:
            result.refuse(
                _(
                    "Deposits and securities of %(assets)s yuan exceed the limit of %(limit)s "
                    "yuan (%(months)s months of the standard per person)."
                )
                % {
                    "assets": money(survey.financial_assets),
                    "limit": money(limit),
                    "months": months,
                }
            )
            return False
        return True


def _registration_label(survey: Survey) -> str:
    from portal.registry.models import RegistrationType

    return str(RegistrationType(survey.registration_type).label)


class SubsistenceRules(ProgrammeRules):
    """低保: per-capita income below the standard (and assets within the limit); the
    amount by the difference rule or by bands, plus 分类施保 add-ons (§3.3)."""

    def decide(self, survey: Survey, on: dt.date, result: Assessment) -> Assessment:
        standard = self.programme_standard(survey, on, result)
        if standard is None:
            return result
        result.standard = standard
        line = standard.monthly_amount
        self.employment_cost(survey, line, result)
        if not self.assets_within_limit(survey, line, result):
            return result
        if not self.below(result, line):
            result.income_above = True
            return result.refuse(
                _("Monthly income per person %(income)s is not below the standard %(line)s.")
                % {"income": result.per_capita_income, "line": line}
            )
        base = self.base_amount(result, line)
        addons = sum(
            (line * addon_percent(m, result.rules) / 100 for m in survey.counted_members),
            Decimal("0"),
        )
        result.addon_amount = money(addons)
        # Rounded once, from the household's figures (§3.3; issue 13.11).
        result.monthly_amount = money(base + addons)
        return result

    @staticmethod
    def base_amount(result: Assessment, line: Decimal) -> Decimal:
        """The base amount, unrounded: the difference rule pays the household's shortfall
        (standard × members − household income a month); bands a share per person."""
        members = result.counted_members
        if result.rules.amount_rule == "banded":
            for below_share, pay_share in result.rules.band_list():
                if result.monthly_income < line * below_share * members:
                    return line * pay_share * members
            return Decimal("0")
        return line * members - result.monthly_income


def addon_groups(member: SurveyMember) -> Iterable[str]:
    if member.age >= settings.ELDERLY_AGE:
        yield "elderly"
    if member.age < ADULT_AGE:
        yield "minor"
    if member.severely_disabled:
        yield "severely_disabled"
    if member.seriously_ill:
        yield "seriously_ill"


def addon_percent(member: SurveyMember, rules: RuleSet) -> Decimal:
    """The largest 分类施保 add-on (percent of the standard) the member qualifies for."""
    addons = rules.addon_percents()
    return max((Decimal(addons.get(g, 0)) for g in addon_groups(member)), default=Decimal("0"))


class MarginRules(ProgrammeRules):
    """低保边缘: not below the 低保 standard, but below ``ASSISTANCE_MARGIN_MULTIPLE`` times
    it (§3.5). Pays the programme's own standard per person where one is set (many places
    pay nothing and give access to special assistance)."""

    def decide(self, survey: Survey, on: dt.date, result: Assessment) -> Assessment:
        base = self.subsistence_standard(survey, on, result)
        if base is None:
            return result
        result.standard = base
        line = base.monthly_amount
        multiple = result.rules.margin_multiple
        ceiling = money(line * multiple)
        self.employment_cost(survey, line, result)
        if not self.assets_within_limit(survey, line, result):
            return result
        if self.below(result, line):
            return result.refuse(
                _(
                    "Monthly income per person %(income)s is below the minimum living "
                    "standard %(line)s: apply for the minimum living allowance instead."
                )
                % {"income": result.per_capita_income, "line": line}
            )
        if not self.below(result, line * multiple):
            return result.refuse(
                _(
                    "Monthly income per person %(income)s is not below %(multiple)s times the "
                    "standard (%(ceiling)s)."
                )
                % {
                    "income": result.per_capita_income,
                    "multiple": multiple,
                    "ceiling": ceiling,
                }
            )
        own = self.own_standard(survey, on)
        if own is not None:
            result.monthly_amount = money(own.monthly_amount * result.counted_members)
        return result


class DestituteRules(ProgrammeRules):
    """特困, per person (§3.6): each counted member unable to work (60 or over, under 16,
    16 or 17 still at school, or assessed unable) is supported on their own; others in
    the household are not (and do not refuse the case). No obligor may be able to
    support them (a finding about each obligor, recorded as why they cannot), and their
    own income (with the household's shared income) must be below the 低保 standard a
    person. Support: at least ``destitute_multiple`` times the 低保 standard plus the
    care amount of each person's care tier."""

    @staticmethod
    def unable_to_work(member: SurveyMember) -> bool:
        return (
            member.age >= settings.ELDERLY_AGE
            or member.age < WORKING_AGE
            or (member.age < ADULT_AGE and member.in_school)
            or member.labour_capacity == LabourCapacity.NONE
        )

    def decide(self, survey: Survey, on: dt.date, result: Assessment) -> Assessment:
        base = self.subsistence_standard(survey, on, result)
        if base is None:
            return result
        result.standard = base
        line = base.monthly_amount
        supported = [m for m in survey.counted_members if self.unable_to_work(m)]
        if not supported:
            return result.refuse(
                _(
                    "No counted member is unable to work (60 or over, under 16, under 18 at "
                    "school, or assessed unable)."
                )
            )
        if any(not m.care_tier for m in supported):
            return result.refuse(_("Assess each person's self-care ability (care tier)."))
        if survey.able_obligors:
            return result.refuse(
                _("%(names)s can support them: record why an obligor cannot, or refuse.")
                % {"names": "、".join(survey.able_obligors)}
            )
        rules = result.rules
        own = sum(
            (survey.counted_income(rules, m.incomes) for m in supported),
            survey.counted_income(rules, survey.household_incomes),
        )
        result.counted_members = len(supported)
        result.monthly_income = own / survey.lookback_months
        result.household_income = money(own)
        result.per_capita_income = money(result.monthly_income / len(supported))
        if not self.below(result, line):
            return result.refuse(
                _("Monthly income per person %(income)s is not below the standard %(line)s.")
                % {"income": result.per_capita_income, "line": line}
            )
        if not self.assets_within_limit(survey, line, result):
            return result
        own_standard = self.own_standard(survey, on)
        basic = line * rules.destitute_multiple
        if own_standard is not None and own_standard.monthly_amount > basic:
            basic = own_standard.monthly_amount
        total = Decimal("0")
        for member in supported:
            care = self.own_standard(survey, on, member.care_tier)
            total += basic + (care.monthly_amount if care else Decimal("0"))
        result.monthly_amount = money(total)
        return result


class TemporaryRules(ProgrammeRules):
    """临时救助: a one-off amount, at most ``temporary_cap_months`` months of the 低保
    standard per event and ``temporary_year_cap_months`` per household in a calendar
    year, both programmes (急难型, 支出型) together (§3.7). A case above either limit is
    paid only through a recorded 一事一议 decision, up to the amount decided."""

    def decide(self, survey: Survey, on: dt.date, result: Assessment) -> Assessment:
        result.one_off = True
        base = self.subsistence_standard(survey, on, result)
        if base is None:
            return result
        result.standard = base
        rules = result.rules
        if not survey.requested_amount:
            return result.refuse(_("Propose the amount of temporary assistance."))
        if survey.programme.expense_test and not self.expense_test(survey, base, result):
            return result
        amount = survey.requested_amount
        if survey.special_amount is not None:
            if amount > survey.special_amount:
                return result.refuse(
                    _("%(amount)s is more than the %(decided)s decided case by case.")
                    % {"amount": money_text(amount), "decided": money_text(survey.special_amount)}
                )
            result.notes.append(
                _("Above the limits by a case-by-case decision (一事一议) of %(decided)s.")
                % {"decided": money_text(survey.special_amount)}
            )
            result.monthly_amount = money(amount)
            return result
        cap = money(base.monthly_amount * rules.temporary_cap_months)
        if amount > cap:
            return result.refuse(
                _(
                    "%(amount)s is more than the cap of %(cap)s per event (%(months)s months "
                    "of the standard); more needs a case-by-case decision (一事一议)."
                )
                % {
                    "amount": money_text(amount),
                    "cap": money_text(cap),
                    "months": rules.temporary_cap_months,
                }
            )
        year_cap = money(base.monthly_amount * rules.temporary_year_cap_months)
        paid = sum((a for month, a in survey.temporary_paid if month.year == on.year), Decimal(0))
        if paid + amount > year_cap:
            return result.refuse(
                _(
                    "With %(paid)s already paid in %(year)s, %(amount)s is more than the "
                    "yearly limit of %(cap)s per household (%(months)s months of the "
                    "standard); more needs a case-by-case decision (一事一议)."
                )
                % {
                    "paid": money_text(paid),
                    "year": on.year,
                    "amount": money_text(amount),
                    "cap": money_text(year_cap),
                    "months": rules.temporary_year_cap_months,
                }
            )
        result.monthly_amount = money(amount)
        return result

    def expense_test(self, survey: Survey, base: Standard, result: Assessment) -> bool:
        """支出型 (§3.5): income less the rigid expenses of the period, per person, below
        the near-poor multiple of the 低保 standard; assets within the limit."""
        if survey.rigid_expenses is None:
            result.refuse(_("Record the rigid expenses of the period (medical, education …)."))
            return False
        line = base.monthly_amount
        if not self.assets_within_limit(survey, line, result):
            return False
        after = max(result.monthly_income - survey.rigid_expenses / survey.lookback_months, 0)
        ceiling = line * result.rules.margin_multiple
        if after >= ceiling * result.counted_members:
            result.refuse(
                _(
                    "After rigid expenses the income per person is %(income)s a month, not "
                    "below %(ceiling)s (%(multiple)s times the standard)."
                )
                % {
                    "income": money_text(after / result.counted_members),
                    "ceiling": money_text(ceiling),
                    "multiple": result.rules.margin_multiple,
                }
            )
            return False
        return True


class AllowanceRules(ProgrammeRules):
    """A fixed amount per counted person (孤儿基本生活费, 困难学生资助, 优抚): the
    programme's own standard in force; monthly or once, as the programme says."""

    def decide(self, survey: Survey, on: dt.date, result: Assessment) -> Assessment:
        result.one_off = not survey.programme.pays_monthly
        standard = self.programme_standard(survey, on, result)
        if standard is None:
            return result
        result.standard = standard
        result.monthly_amount = money(standard.monthly_amount * result.counted_members)
        return result


class ClaimsOnlyRules(ProgrammeRules):
    def decide(self, survey: Survey, on: dt.date, result: Assessment) -> Assessment:
        return result.refuse(_("Medical assistance is paid by claims, not by application."))


RULES: dict[str, ProgrammeRules] = {
    Rule.SUBSISTENCE: SubsistenceRules(),
    Rule.MARGIN: MarginRules(),
    Rule.DESTITUTE: DestituteRules(),
    Rule.TEMPORARY: TemporaryRules(),
    Rule.ALLOWANCE: AllowanceRules(),
    Rule.MEDICAL: ClaimsOnlyRules(),
}
# ``Programme.rules`` finds them here; the models do not import this module.
register_rules(RULES)


def rules_for(rule: str) -> ProgrammeRules:
    return RULES[rule]


def assess(application: Application, on: dt.date) -> Assessment:
    """The application's assessment by its programme's rules for the day ``on``."""
    return application.programme.rules.assess(survey_of(application, on), on)


def assess_facts(programme: Programme, facts: dict[str, Any], on: dt.date) -> Assessment:
    """The assessment of stored facts (an entitlement's) by the rules in force on ``on``:
    a past month priced from its own facts and its own rules."""
    return programme.rules.assess(survey_from_facts(programme, facts, on), on)
