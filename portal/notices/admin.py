from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from portal.notices import services
from portal.notices.models import Notice, NoticeListing, NoticeObjection, NoticeStatus


class NoticeListingInline(admin.TabularInline):
    model = NoticeListing
    fields = ("position", "name", "detail")
    extra = 0


@admin.register(Notice)
class NoticeAdmin(SimpleHistoryAdmin):
    """Notices for administrators. The status changes only through the actions, which
    use the same transitions (and leave the same records) as the staff pages."""

    list_display = ("title", "kind", "community", "status", "published_at", "updated_at")
    list_filter = ("kind", "status", "community")
    search_fields = ("title", "body", "listings__name")
    list_select_related = ("community",)
    date_hierarchy = "published_at"
    fields = (
        "kind",
        "title",
        "community",
        "body",
        "status",
        "published_at",
        "period_starts",
        "period_ends",
        "objection_contact",
        "created_by",
        "created_at",
        "updated_at",
    )
    readonly_fields = ("status", "created_by", "created_at", "updated_at")
    inlines = [NoticeListingInline]
    actions = ["publish", "withdraw"]

    def save_model(self, request: HttpRequest, obj: Notice, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def _transition(self, request: HttpRequest, queryset: QuerySet, service: Any) -> None:
        done = 0
        for notice in queryset:
            try:
                service(notice=notice, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{notice}: {' '.join(error.messages)}", messages.WARNING
                )
            else:
                done += 1
        if done:
            self.message_user(
                request, _("Notices changed: %(count)d") % {"count": done}, messages.SUCCESS
            )

    @admin.action(description=_("Publish the selected notices"))
    def publish(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._transition(
            request, queryset.exclude(status=NoticeStatus.PUBLISHED), services.notice_publish
        )

    @admin.action(description=_("Withdraw the selected notices"))
    def withdraw(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._transition(
            request, queryset.filter(status=NoticeStatus.PUBLISHED), services.notice_withdraw
        )


@admin.register(NoticeObjection)
class NoticeObjectionAdmin(SimpleHistoryAdmin):
    """Objections raised against 公示; staff answer them on the assistance pages."""

    list_display = ("notice", "created_at", "status", "answered_at")
    list_filter = ("status",)
    list_select_related = ("notice",)
    raw_id_fields = ("notice", "submitted_by", "answered_by")
    readonly_fields = ("created_at",)
