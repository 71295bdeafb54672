from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from portal.registry.masking import mask_bank_account, mask_id_number, mask_phone
from portal.registry.models import (
    Community,
    Compound,
    Household,
    RegistryImport,
    Resident,
    SubDistrict,
    Tag,
)


@admin.register(SubDistrict)
class SubDistrictAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "phone")
    search_fields = ("name", "code")


@admin.register(Community)
class CommunityAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "sub_district", "phone")
    list_filter = ("sub_district",)
    search_fields = ("name", "code")


@admin.register(Compound)
class CompoundAdmin(SimpleHistoryAdmin):
    list_display = ("name", "community", "address")
    list_filter = ("community",)
    search_fields = ("name", "address")
    list_select_related = ("community",)


class MemberInline(admin.TabularInline):
    model = Resident
    fields = ("name", "relation_to_head", "gender", "birth_date")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Household)
class HouseholdAdmin(SimpleHistoryAdmin):
    list_display = ("address", "community", "compound", "registration_type")
    list_filter = ("community", "registration_type")
    search_fields = ("address", "members__name")
    list_select_related = ("community", "compound")
    autocomplete_fields = ("compound",)
    inlines = [MemberInline]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "name_en")
    search_fields = ("name", "slug")


class MaskedIdentityHistoryHelper(HistoricalRecordContextHelper):
    """Shows changes of ID, phone and bank account numbers in the history list masked."""

    MASKS = {
        "id_number": mask_id_number,
        "phone": mask_phone,
        "account_number": mask_bank_account,
    }

    def prepare_delta_change_value(self, change: Any, value: Any) -> Any:
        if change.field in self.MASKS and value:
            return self.MASKS[change.field](value)
        return super().prepare_delta_change_value(change, value)


class MaskedIdentityAdmin(SimpleHistoryAdmin):
    """An admin of a model holding ID, phone or bank account numbers. Like the portal
    pages, it shows them in full only to the roles that verify identity: others see them
    masked, may type them for a new record, and cannot open or revert a historical
    version. ``masked_fields`` maps each such field to the attribute that masks it."""

    masked_fields: dict[str, str] = {}

    @staticmethod
    def _masked_for(request: HttpRequest) -> bool:
        return not getattr(request.user, "can_see_full_identity", False)

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        excluded = list(super().get_exclude(request, obj) or [])
        if obj is not None and self._masked_for(request):
            excluded += list(self.masked_fields)
        return excluded

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and self._masked_for(request):
            readonly += list(self.masked_fields.values())
        return readonly

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: Any
    ) -> HistoricalRecordContextHelper:
        return MaskedIdentityHistoryHelper(self.model, historical_record)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        if self._masked_for(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Resident)
class ResidentAdmin(MaskedIdentityAdmin):
    """Residents for administrators, with ID and phone numbers masked for roles that do
    not verify identity (:class:`MaskedIdentityAdmin`)."""

    masked_fields = {"id_number": "masked_id_number", "phone": "masked_phone"}
    list_display = ("name", "masked_id_number", "gender", "birth_date", "community", "household")
    list_filter = ("community", "gender", "tags", "household__registration_type")
    # An exact ID number or its tail finds a resident; the list itself shows masked values.
    search_fields = ("name", "=id_number", "id_number__endswith", "phone")
    list_select_related = ("community", "household")
    autocomplete_fields = ("household",)
    filter_horizontal = ("tags",)
    date_hierarchy = "birth_date"


@admin.register(RegistryImport)
class RegistryImportAdmin(admin.ModelAdmin):
    """Imports, to look at: who uploaded what, how far it got and what it created. The
    staff pages run them; nothing here changes one."""

    list_display = (
        "pk",
        "original_name",
        "community",
        "requested_by",
        "phase",
        "status",
        "row_count",
        "error_count",
        "residents_created",
        "created_at",
    )
    list_filter = ("phase", "status", "community")
    list_select_related = ("community", "requested_by")
    date_hierarchy = "created_at"
    fields = (
        *("original_name", "community", "requested_by", "committed_by", "created_at"),
        *("phase", "status", "progress", "stage", "error", "attempts"),
        *("started_at", "finished_at", "row_count", "error_count"),
        *("households_created", "residents_created"),
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
