from django.utils.translation import gettext_lazy as _

from portal.core import contract


class EducationConfig(contract.PortalAppConfig):
    """Community education 社区教育 (seed chapter 5): courses, training targets, learners."""

    name = "education"
    verbose_name = _("Community education")
    counted = True
