"""Admin for every assistance model. Programmes, standards, non-counted incomes and the
special diseases are the office's to maintain here; applications change status only
through the staff pages (the workflow), so their status is read-only in the admin, and a
standard once saved is never edited (a raise is a new row)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from assistance.models import (
    Allocation,
    Application,
    Asset,
    Donation,
    Donor,
    Entitlement,
    IncomeExclusion,
    IncomeItem,
    MedicalClaim,
    MedicalFund,
    MedicalRate,
    Member,
    Obligor,
    Programme,
    Recovery,
    RecoveryRepayment,
    RosterMonth,
    RosterPayment,
    RuleSet,
    SpecialDecision,
    SpecialDisease,
    Standard,
    Step,
)
from assistance.services import applications as services
from portal.registry.admin import MaskedIdentityAdmin


class StandardInline(admin.TabularInline):
    model = Standard
    fields = ("registration_type", "care_tier", "monthly_amount", "effective_from", "document")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = (
        "name",
        "code",
        "rule",
        "registration_type",
        "pays_monthly",
        "needs_publicity",
        "active",
        "position",
    )
    list_filter = ("rule", "active")
    search_fields = ("name", "code")
    inlines = [StandardInline]


@admin.register(Standard)
class StandardAdmin(SimpleHistoryAdmin):
    """Standards are added, never changed: saving a new one recomputes the amounts of the
    households it concerns, with back-pay for months already paid."""

    list_display = (
        "programme",
        "registration_type",
        "care_tier",
        "monthly_amount",
        "effective_from",
        "document",
        "created_by",
    )
    list_filter = ("programme", "registration_type", "care_tier")
    list_select_related = ("programme", "created_by")
    date_hierarchy = "effective_from"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:
            return [f.name for f in self.model._meta.fields]
        return ["created_by"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Standard, form: Any, change: bool) -> None:
        if change:
            return  # read-only once saved
        fields = {
            name: getattr(obj, name)
            for name in (
                "programme",
                "registration_type",
                "care_tier",
                "monthly_amount",
                "effective_from",
                "document",
            )
        }
        saved = services.standard_add(by=request.user, **fields)
        obj.pk = saved.pk


@admin.register(IncomeExclusion)
class IncomeExclusionAdmin(admin.ModelAdmin):
    list_display = ("name", "position")


@admin.register(SpecialDisease)
class SpecialDiseaseAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "active")
    list_filter = ("active",)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StepInline(ReadOnlyInline):
    model = Step
    fields = ("from_status", "to_status", "by", "at", "opinion", "notice")


class EntitlementInline(ReadOnlyInline):
    model = Entitlement
    fields = (
        "reason",
        "effective_from",
        "pays_from",
        "monthly_amount",
        "arrears",
        "standard_amount",
        "decided_at",
    )


@admin.register(Application)
class ApplicationAdmin(MaskedIdentityAdmin):
    masked_fields = {"account_number": "masked_account_number"}
    list_display = (
        "__str__",
        "status",
        "certificate_number",
        "proposed_amount",
        "submitted_at",
        "next_review_on",
    )
    list_filter = ("status", "programme", "household__community")
    search_fields = ("certificate_number", "household__address", "household__members__name")
    list_select_related = ("programme", "household")
    raw_id_fields = ("household", "submitted_by")
    date_hierarchy = "submitted_at"
    readonly_fields = (
        "status",
        "certificate_number",
        "payment_starts",
        "counted_members",
        "household_income",
        "per_capita_income",
        "standard_amount",
        "proposed_amount",
        "eligible",
        "assessment",
        "accepted_at",
        "decided_at",
    )
    inlines = [StepInline, EntitlementInline]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ("resident", "application", "counted", "labour_capacity", "care_tier")
    raw_id_fields = ("application", "resident")


@admin.register(IncomeItem)
class IncomeItemAdmin(SimpleHistoryAdmin):
    list_display = ("application", "category", "description", "amount", "exclusion")
    list_filter = ("category",)
    raw_id_fields = ("application", "member")


@admin.register(Asset)
class AssetAdmin(SimpleHistoryAdmin):
    list_display = ("application", "kind", "description", "value")
    raw_id_fields = ("application",)


@admin.register(Obligor)
class ObligorAdmin(MaskedIdentityAdmin):
    masked_fields = {"id_number": "masked_id_number"}
    list_display = ("name", "relation", "application", "monthly_support")
    raw_id_fields = ("application",)


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    """The workflow's record: read-only."""

    list_display = ("application", "from_status", "to_status", "by", "at")
    list_filter = ("to_status",)
    list_select_related = ("application__programme", "application__household", "by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Entitlement)
class EntitlementAdmin(StepAdmin):
    list_display = ("application", "reason", "pays_from", "monthly_amount", "arrears")
    list_filter = ("reason",)
    list_select_related = ("application__programme", "application__household")


@admin.register(MedicalFund)
class MedicalFundAdmin(SimpleHistoryAdmin):
    list_display = ("year", "budget", "cap_per_person", "reimbursement_percent")


@admin.register(MedicalClaim)
class MedicalClaimAdmin(SimpleHistoryAdmin):
    list_display = ("patient", "disease", "fund", "own_cost", "amount", "status")
    list_filter = ("status", "disease", "fund")
    raw_id_fields = ("patient", "created_by", "decided_by")
    list_select_related = ("patient", "disease", "fund")


@admin.register(Donor)
class DonorAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "community", "created_at")
    list_filter = ("kind", "community")
    search_fields = ("name", "credit_code")


class AllocationInline(admin.TabularInline):
    model = Allocation
    fields = ("household", "project", "value", "allocated_on", "note")
    raw_id_fields = ("household",)
    extra = 0


@admin.register(Donation)
class DonationAdmin(SimpleHistoryAdmin):
    list_display = ("donor", "kind", "purpose", "value", "received_on", "community")
    list_filter = ("kind", "purpose", "community")
    date_hierarchy = "received_on"
    list_select_related = ("donor", "community")
    raw_id_fields = ("donor", "created_by")
    inlines = [AllocationInline]


@admin.register(Allocation)
class AllocationAdmin(SimpleHistoryAdmin):
    list_display = ("donation", "household", "project", "value", "allocated_on")
    raw_id_fields = ("donation", "household", "created_by")


@admin.register(RuleSet)
class RuleSetAdmin(SimpleHistoryAdmin):
    """Dated rules per programme (issue 13.3): added from a month, never changed once
    saved (a change is a new row); a new row is prefilled with the settings' values and
    counts every income on the list of incomes not counted."""

    list_display = ("programme", "effective_from", "amount_rule", "document", "created_by")
    list_filter = ("programme",)
    list_select_related = ("programme", "created_by")
    filter_horizontal = ("exclusions",)
    exclude = ("created_by",)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("exclusions", list(IncomeExclusion.objects.values_list("pk", flat=True)))
        return initial

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None:  # never re-price history: a saved row is read only
            return [f.name for f in RuleSet._meta.fields] + ["exclusions"]
        return ()

    def save_model(self, request: HttpRequest, obj: RuleSet, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if not change:  # the exclusions are saved: recompute the cases in payment
            from assistance.tasks import rule_set_recompute_task

            rule_set_recompute_task.delay_on_commit(form.instance.pk)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RosterPaymentInline(admin.TabularInline):
    model = RosterPayment
    fields = ("application", "monthly_amount", "arrears", "insured_members", "one_off")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RosterMonth)
class RosterMonthAdmin(admin.ModelAdmin):
    """Paid months, read only: closed through the roster page (``roster_close``)."""

    list_display = ("month", "households", "total", "closed_by", "closed_at")
    readonly_fields = ("month", "households", "total", "closed_by", "closed_at")
    inlines = [RosterPaymentInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SpecialDecision)
class SpecialDecisionAdmin(admin.ModelAdmin):
    """一事一议 records, read only: recorded through ``special_decision_record``."""

    list_display = ("application", "decided_by", "decided_on", "amount", "recorded_by")
    readonly_fields = (
        "application", "decided_by", "decided_on", "minutes", "amount", "recorded_by",
        "recorded_at",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RecoveryRepaymentInline(admin.TabularInline):
    model = RecoveryRepayment
    fields = ("paid_on", "amount", "note", "recorded_by", "recorded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Recovery)
class RecoveryAdmin(admin.ModelAdmin):
    """追缴, read only: recorded, repaid and settled on the staff pages (``assistance.
    payments``)."""

    inlines = [RecoveryRepaymentInline]

    list_display = ("application", "from_month", "to_month", "amount", "status", "settled_at")
    list_filter = ("status",)
    readonly_fields = (
        "application", "from_month", "to_month", "amount", "reason", "status", "recorded_by",
        "recorded_at", "settled_by", "settled_at", "settlement_note",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MedicalRate)
class MedicalRateAdmin(admin.ModelAdmin):
    """Medical assistance share and deductible by category, dated (issue 13.10): a
    change is a new row from its date; saved rows are read only."""

    list_display = ("category", "effective_from", "reimbursement_percent", "deductible")
    list_filter = ("category",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ("category", "effective_from", "reimbursement_percent", "deductible") if obj else ()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
