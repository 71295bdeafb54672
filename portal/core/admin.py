from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portal.core.models import OfficialDay


@admin.register(OfficialDay)
class OfficialDayAdmin(SimpleHistoryAdmin):
    """The official calendar: enter next year's holiday notice here each November."""

    list_display = ("day", "kind", "name")
    list_filter = ("kind", "name")
    date_hierarchy = "day"
    search_fields = ("name",)
