from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import IdentityLinkAttempt, PhoneCode, User
from portal.registry.masking import mask_phone


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "role", "community", "is_active", "last_login")
    list_filter = ("role", "community", "is_active", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email")
    list_select_related = ("community",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role and scope"), {"fields": ("role", "community", "phone", "resident")}),
    )
    raw_id_fields = ("resident",)
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role and scope"), {"fields": ("role", "community")}),
    )
    readonly_fields = ("is_staff", "last_login", "date_joined")


@admin.register(IdentityLinkAttempt)
class IdentityLinkAttemptAdmin(admin.ModelAdmin):
    """Read-only: the record of who tried to link an account to the registry, and when."""

    list_display = ("created_at", "user", "ip_address", "succeeded")
    list_filter = ("succeeded",)
    search_fields = ("user__username",)
    list_select_related = ("user",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PhoneCode)
class PhoneCodeAdmin(admin.ModelAdmin):
    """Read-only: the codes sent by text message, number masked, the code never shown."""

    list_display = ("created_at", "shown_phone", "purpose", "tries", "used_at", "ip_address")
    list_filter = ("purpose",)
    date_hierarchy = "created_at"
    fields = ("shown_phone", "purpose", "created_at", "tries", "used_at", "ip_address")
    readonly_fields = fields

    @admin.display(description=_("mobile number"))
    def shown_phone(self, obj: PhoneCode) -> str:
        return mask_phone(obj.phone)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
