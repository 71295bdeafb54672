"""Admin of Party and League records: the organisations are the office's to correct here;
memberships, meetings, votes and results change through the staff pages (the services),
so they are read-only in the admin. Votes are not listed at all (a secret ballot)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from partywork.models import (
    Contest,
    DutyAssignment,
    Meeting,
    Membership,
    Officer,
    Organisation,
    PartyDayPlan,
    Selection,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "community", "parent", "founded_on", "dissolved_on")
    list_filter = ("kind", "community")
    search_fields = ("name",)


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "standing", "joined_on", "left_on", "left_how")
    list_filter = ("level", "standing", "organisation__community")


@admin.register(Officer)
class OfficerAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "post", "term_start", "term_end")


@admin.register(PartyDayPlan)
class PartyDayPlanAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "year", "day_of_month", "created_at")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "kind", "held_on", "topic")
    list_filter = ("kind", "organisation__community")


@admin.register(DutyAssignment)
class DutyAssignmentAdmin(ReadOnlyAdmin):
    list_display = ("membership", "duty", "year")


@admin.register(Selection)
class SelectionAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "year", "vote_opens_at", "vote_closes_at", "closed_at")


@admin.register(Contest)
class ContestAdmin(ReadOnlyAdmin):
    list_display = ("title", "organisation", "held_on", "results_published_at")
