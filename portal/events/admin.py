from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portal.events.models import Event, EventSeries, HourCertificate, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ("resident", "status", "created_at", "by_staff", "attended_at", "hours")
    raw_id_fields = ("resident",)
    show_change_link = True


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = (
        "title",
        "starts_at",
        "kind",
        "organiser_app",
        "community",
        "capacity",
        "status",
    )
    list_filter = ("kind", "organiser_app", "status", "audience", "community")
    search_fields = ("title", "place")
    date_hierarchy = "starts_at"
    list_select_related = ("community",)
    raw_id_fields = ("series", "created_by")
    readonly_fields = ("created_at", "updated_at")
    inlines = [RegistrationInline]


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ("pk", "frequency", "interval", "count", "until", "created_at")
    list_filter = ("frequency",)


@admin.register(Registration)
class RegistrationAdmin(SimpleHistoryAdmin):
    """Status changes belong to the services (waiting-list promotion, hours); the admin is
    for looking things up and correcting a record, with history kept."""

    list_display = ("event", "resident", "status", "created_at", "by_staff", "attended_at", "hours")
    list_filter = ("status", "by_staff", "check_in_method")
    search_fields = ("event__title", "resident__name")
    list_select_related = ("event", "resident")
    raw_id_fields = ("event", "resident", "created_by", "cancelled_by", "checked_in_by")


@admin.register(HourCertificate)
class HourCertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "resident", "period_start", "period_end", "total_hours", "issued_at")
    search_fields = ("number", "resident__name")
    list_select_related = ("resident",)
    raw_id_fields = ("resident", "issued_by", "registrations")
    readonly_fields = ("number", "issued_at")
