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


# --- third-party admin pages in Chinese ---------------------------------------------------------
# django-celery-beat names its task column with a plain string ('Task Name', not translatable)
# and django-axes' app has no name of its own ("Axes"). Their models are left as they are
# (a changed verbose_name would ask for a migration in their apps): the admin says it.


class _TaskNameFilter(admin.AllValuesFieldListFilter):
    def __init__(self, field, request, params, model, model_admin, field_path) -> None:
        super().__init__(field, request, params, model, model_admin, field_path)
        self.title = _("task name")


def _relabel_third_party_admin() -> None:
    from django.apps import apps
    from django_celery_beat.admin import PeriodicTaskAdmin
    from django_celery_beat.models import PeriodicTask

    class PortalPeriodicTaskAdmin(PeriodicTaskAdmin):
        list_filter = [
            ("task", _TaskNameFilter) if name == "task" else name
            for name in PeriodicTaskAdmin.list_filter
        ]

        def get_form(self, request, obj=None, change=False, **kwargs):
            form = super().get_form(request, obj, change, **kwargs)
            if "task" in form.base_fields:
                form.base_fields["task"].label = _("Task (custom)")
            return form

    if admin.site.is_registered(PeriodicTask):
        admin.site.unregister(PeriodicTask)
    admin.site.register(PeriodicTask, PortalPeriodicTaskAdmin)
    if apps.is_installed("axes"):
        apps.get_app_config("axes").verbose_name = _("Login lockout")


_relabel_third_party_admin()
