"""Permission names in the portal's language. Django stores each model's four permission
names in English ("Can add event") when it migrates; the administrator then assigns
"Can change sign-up" in a Chinese admin. After every migrate, the names of the permissions
are rewritten from the models' translated verbose names ("可以添加活动"), once (a name
already right is not saved again).
"""

from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

ACTIONS = {
    "add": lambda model: _("Can add %(model)s") % {"model": model},
    "change": lambda model: _("Can change %(model)s") % {"model": model},
    "delete": lambda model: _("Can delete %(model)s") % {"model": model},
    "view": lambda model: _("Can view %(model)s") % {"model": model},
}


def permission_names(app_config: Any = None) -> dict[tuple[str, str], str]:
    """(app label, codename) → name, in the portal's language, for every model (of
    ``app_config`` when given)."""
    names = {}
    models = app_config.get_models() if app_config is not None else apps.get_models()
    with translation.override(settings.LANGUAGE_CODE):
        for model in models:
            opts = model._meta
            for action in opts.default_permissions:
                if action in ACTIONS:
                    names[(opts.app_label, f"{action}_{opts.model_name}")] = ACTIONS[action](
                        str(opts.verbose_name)
                    )
            for codename, name in opts.permissions:
                names[(opts.app_label, codename)] = str(name)
    return names


def translate_permission_names(
    *, app_config: Any = None, using: str = "default", **kwargs: Any
) -> int:
    """post_migrate (for each app, after Django has created its permissions): rename
    the app's permissions whose name is not the translated one; returns how many."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    if app_config is not None:
        # This receiver may run before auth's own (the admin connects it first): make
        # sure the app's permissions exist (idempotent) before naming them.
        create_permissions(app_config, verbosity=0, using=using)
    names = permission_names(app_config)
    permissions = Permission.objects.using(using).select_related("content_type")
    if app_config is not None:
        permissions = permissions.filter(content_type__app_label=app_config.label)
    renamed = 0
    for permission in permissions:
        name = names.get((permission.content_type.app_label, permission.codename))
        if name and permission.name != name[: Permission._meta.get_field("name").max_length]:
            permission.name = name[: Permission._meta.get_field("name").max_length]
            permission.save(using=using, update_fields=["name"])
            renamed += 1
    return renamed
