from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from portal.core import contract


class EducationConfig(contract.PortalAppConfig):
    """Community education 社区教育 (seed chapter 5): courses, training targets, learners."""

    name = "education"
    verbose_name = _("Community education")
    counted = True
    demo_seeder = "education.demo.seed_education"
    staff_panels = "education.dashboard.staff_panels"
    resident_panels = "education.dashboard.resident_panels"
    staff_nav = (
        contract.NavEntry(
            _("Community education"),
            "education:course-list",
            allowed="education.roles.is_education_staff",
            order=140,
        ),
    )
    public_nav = (
        contract.NavEntry(_("Courses"), "education:public-courses", order=60),
        contract.NavEntry(_("Farmers' column"), "education:column", order=65),
        contract.NavEntry(
            _("My courses"),
            "education:my-courses",
            allowed="portal.accounts.access.is_signed_in",
            order=86,
        ),
    )
    report_kinds = (
        contract.ReportKindSpec(
            "education_programmes",
            _("Training programmes of the year"),
            builder="education.workbook.build_programmes_workbook",
            # The same rule as the app's main page (the course list): education staff;
            # community staff get their community's figures (the job's community).
            allowed="education.roles.is_education_staff",
        ),
    )
    notification_kinds = (
        contract.NotificationKindSpec(
            "education_column_short", _("Too few posts in the farmers' column")
        ),
        contract.NotificationKindSpec("education_place_offered", _("A place in a class came free")),
    )
    beat_schedule = {
        # Monday morning: last week's farmers' column posts against the weekly minimum,
        # told once per week (the notification's key).
        "education-column-week-check": {
            "task": "education.tasks.column_week_check_task",
            "schedule": crontab(minute=0, hour=9, day_of_week=1),
        },
    }
    public_pages = (r"^/education/courses/$", r"^/education/column/(\d+/)?$")
    # The course list shows places taken: an enrolment makes it stale too.
    public_page_models = (
        "education.Course",
        "education.CourseClass",
        "education.Enrolment",
        "education.ColumnPost",
    )
    plan_measures = (
        contract.PlanMeasureSpec(
            "education.training_person_times",
            _("Training person-times"),
            _("person-times"),
            count="education.measures.training_person_times",
            options=(
                ("teacher_distance", _("Teacher distance training")),
                ("sending_teaching", _("Sending-teaching team training")),
                ("teacher_workshop", _("Teacher workshop")),
                ("public_course", _("Public-course training of professionals")),
                ("farmer_skills", _("Farmers' practical-skills training")),
                ("labour_transfer", _("Rural labour-transfer training")),
            ),
        ),
        contract.PlanMeasureSpec(
            "education.learners",
            _("Learners of the community college"),
            _("people"),
            count="education.measures.learners",
        ),
        contract.PlanMeasureSpec(
            "education.degree_enrolments",
            _("Adult-degree enrolments"),
            _("people"),
            count="education.measures.degree_enrolments",
        ),
        contract.PlanMeasureSpec(
            "education.column_posts",
            _("Farmers' column posts"),
            _("posts"),
            count="education.measures.column_posts",
            scopes=(contract.SCOPE_SUBDISTRICT,),
        ),
    )
