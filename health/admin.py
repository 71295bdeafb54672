"""Admin of the health app's reference data: facilities, family-doctor teams and their
members, timetables and their days off. Health records (registries, follow-ups,
vaccinations, checks) are not in the admin: they are seen on the staff pages only, where
each view is logged. The access log is here read-only, for audits."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from health.models import (
    Facility,
    HealthAccess,
    Team,
    TeamMember,
    Timetable,
    TimetableException,
)


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "community", "hours"]
    list_filter = ["kind", "community"]


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 1


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "community", "facility"]
    list_filter = ["community"]
    filter_horizontal = ["compounds"]
    inlines = [TeamMemberInline]


class TimetableExceptionInline(admin.TabularInline):
    model = TimetableException
    extra = 1


@admin.register(Timetable)
class TimetableAdmin(admin.ModelAdmin):
    list_display = ["facility", "service", "doctor", "weekdays", "starts_at", "ends_at", "capacity"]
    list_filter = ["service", "facility"]
    inlines = [TimetableExceptionInline]


@admin.register(HealthAccess)
class HealthAccessAdmin(admin.ModelAdmin):
    """Who viewed which health record, when: read-only."""

    list_display = ["at", "user", "what", "object_id"]
    list_filter = ["what"]
    readonly_fields = ["at", "user", "resident", "what", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
