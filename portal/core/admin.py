from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from portal.core.models import OfficialDay


@admin.register(OfficialDay)
class OfficialDayAdmin(SimpleHistoryAdmin):
    """The official calendar: enter next year's holiday notice here each November."""

    list_display = ("day", "kind", "name")
    list_filter = ("kind", "name")
    date_hierarchy = "day"
    search_fields = ("name",)


# The administration reads as the portal, in Chinese, not as "Django 管理".
admin.site.site_header = _("Community Services Portal")
admin.site.site_title = _("Community Services Portal")
admin.site.index_title = _("Administration")


def _connect_permission_names() -> None:
    """Permission names in Chinese after every migrate (portal/core/permissions.py).
    Connected here: the admin is loaded at start-up by every command, migrate included."""
    from django.db.models.signals import post_migrate

    from portal.core.permissions import translate_permission_names

    post_migrate.connect(
        lambda sender, **kwargs: (
            translate_permission_names(**kwargs) if sender.label == "core" else None
        ),
        weak=False,
        dispatch_uid="portal-permission-names",
    )


_connect_permission_names()
