from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "role", "community", "is_active", "last_login")
    list_filter = ("role", "community", "is_active", "is_superuser")
    search_fields = ("username", "first_name", "last_name", "email")
    list_select_related = ("community",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role and scope"), {"fields": ("role", "community", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role and scope"), {"fields": ("role", "community")}),
    )
    readonly_fields = ("is_staff", "last_login", "date_joined")
