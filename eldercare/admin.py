"""Admin of elder care: the office's reference data (stations and workers, the service
catalogue, the 高龄津贴 brackets, the yearly device target) are kept here; workflow
records (assessments, service records, visits, enrolments) are read-only here and
change through the staff pages' services."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from eldercare.models import (
    AllowanceBracket,
    Assessment,
    DeviceTarget,
    ElderProfile,
    Enrolment,
    Incident,
    Installation,
    Lapse,
    Pairing,
    ServiceItem,
    ServiceRecord,
    Station,
    Team,
    Visit,
    Volunteer,
    Worker,
)


class WorkerInline(admin.TabularInline):
    model = Worker
    extra = 0


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "kind", "acceptance", "accepted_on"]
    list_filter = ["acceptance", "kind", "community"]
    inlines = [WorkerInline]


@admin.register(ServiceItem)
class ServiceItemAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "price", "unit", "active"]


@admin.register(AllowanceBracket)
class AllowanceBracketAdmin(admin.ModelAdmin):
    """A raise is a new row from its date; rows already in force are not edited."""

    list_display = ["effective_from", "min_age", "max_age", "amount"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None or super().has_change_permission(request, obj)


@admin.register(DeviceTarget)
class DeviceTargetAdmin(admin.ModelAdmin):
    list_display = ["year", "households"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "community"]
    filter_horizontal = ["members"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


for model in (
    ElderProfile,
    Assessment,
    ServiceRecord,
    Installation,
    Incident,
    Volunteer,
    Pairing,
    Visit,
    Lapse,
    Enrolment,
):
    admin.site.register(model, ReadOnlyAdmin)
