from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from portal.notifications.models import ChannelPreference, Delivery, DeliveryStatus, Notification
from portal.notifications.tasks import delivery_send_task


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ("channel", "status", "attempts", "sent_at", "error")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Messages as sent, to answer "was I told?"; nobody writes them here."""

    list_display = ("subject", "recipient", "kind", "created_at", "read_at")
    list_filter = ("kind", ("read_at", admin.EmptyFieldListFilter), "created_at")
    search_fields = ("subject",)
    date_hierarchy = "created_at"
    list_select_related = ("recipient",)
    fields = ("recipient", "kind", "subject", "body", "url", "key", "created_at", "read_at")
    readonly_fields = ("recipient", "kind", "subject", "body", "url", "key", "created_at")
    inlines = [DeliveryInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("notification", "channel", "status", "attempts", "sent_at", "error")
    list_filter = ("channel", "status", "created_at")
    search_fields = ("notification__subject",)
    list_select_related = ("notification",)
    readonly_fields = (
        "notification",
        "channel",
        "status",
        "attempts",
        "sent_at",
        "error",
        "created_at",
    )
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Send the selected failed or skipped deliveries again"))
    def send_again(self, request: HttpRequest, queryset: QuerySet) -> None:
        ids = list(
            queryset.filter(status__in=[DeliveryStatus.FAILED, DeliveryStatus.SKIPPED]).values_list(
                "pk", flat=True
            )
        )
        Delivery.objects.filter(pk__in=ids).update(
            status=DeliveryStatus.PENDING, attempts=0, error=""
        )
        for delivery_id in ids:
            delivery_send_task.delay_on_commit(delivery_id)
        self.message_user(
            request,
            _("Deliveries queued again: %(count)d") % {"count": len(ids)},
        )


@admin.register(ChannelPreference)
class ChannelPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "email", "sms", "updated_at")
    list_filter = ("email", "sms")
    search_fields = ("user__username",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)
