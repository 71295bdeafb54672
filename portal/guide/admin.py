from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from portal.guide.models import ServiceEntry


@admin.register(ServiceEntry)
class ServiceEntryAdmin(SimpleHistoryAdmin):
    list_display = ("title", "category", "app", "status", "sort_order", "updated_at")
    list_filter = ("category", "app", "status")
    search_fields = ("title", "slug", "summary", "keywords", "eligibility", "materials")
    list_editable = ("sort_order",)
    ordering = ("category", "sort_order", "title")
    readonly_fields = ("updated_at",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "app", "sort_order", "summary")}),
        (
            _("What residents need to know"),
            {
                "fields": (
                    "eligibility",
                    "materials",
                    "steps",
                    "fee",
                    "place",
                    "opening_hours",
                    "contact",
                    "keywords",
                )
            },
        ),
        (
            _("Status and online application"),
            {"fields": ("status", "status_note", "online_path", "updated_at")},
        ),
    )
