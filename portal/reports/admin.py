from django.contrib import admin

from portal.reports.models import ReportJob


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    """Reports are built by the workers; admin shows the record and may delete old ones."""

    list_display = (
        "title",
        "kind",
        "community",
        "status",
        "progress",
        "requested_by",
        "created_at",
    )
    list_filter = ("kind", "status", "full_identity", "community")
    search_fields = ("title",)
    date_hierarchy = "created_at"
    list_select_related = ("community", "requested_by")
    readonly_fields = [field.name for field in ReportJob._meta.fields]

    def has_add_permission(self, request):
        return False
