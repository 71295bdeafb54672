from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portal.registry.models import Community, Compound, Household, Resident, SubDistrict, Tag


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


@admin.register(Resident)
class ResidentAdmin(SimpleHistoryAdmin):
    list_display = ("name", "masked_id_number", "gender", "birth_date", "community", "household")
    list_filter = ("community", "gender", "tags", "household__registration_type")
    # An exact ID number or its tail finds a resident; the list itself shows masked values.
    search_fields = ("name", "=id_number", "id_number__endswith", "phone")
    list_select_related = ("community", "household")
    autocomplete_fields = ("household",)
    filter_horizontal = ("tags",)
    date_hierarchy = "birth_date"
