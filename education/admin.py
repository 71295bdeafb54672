"""The education office's reference data in the admin; enrolments, attendance and
certificates are read-only there (they change through the services)."""

from django.contrib import admin

from education.models import (
    ColumnPost,
    CompletionCertificate,
    Course,
    CourseClass,
    DegreeEnrolment,
    Enrolment,
    ProgrammeTarget,
    TrainingEntry,
    TrainingProgramme,
)


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "community", "teacher", "hours", "capacity", "active")
    list_filter = ("category", "active")
    search_fields = ("name", "teacher")


@admin.register(CourseClass)
class CourseClassAdmin(admin.ModelAdmin):
    list_display = ("course", "name", "capacity", "enrolment_closes_at", "enrolment_open")
    readonly_fields = ("series", "created_by")


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ("course_class", "resident", "status", "created_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in Enrolment._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(CompletionCertificate)
class CompletionCertificateAdmin(admin.ModelAdmin):
    list_display = ("number", "enrolment", "sessions_attended", "sessions_held", "issued_at")
    readonly_fields = [f.name for f in CompletionCertificate._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "unit", "method", "active")


@admin.register(ProgrammeTarget)
class ProgrammeTargetAdmin(admin.ModelAdmin):
    list_display = ("programme", "year", "target", "sessions_planned")
    list_filter = ("year",)


@admin.register(TrainingEntry)
class TrainingEntryAdmin(admin.ModelAdmin):
    list_display = ("programme", "held_on", "title", "person_times", "persons", "source")
    list_filter = ("programme", "source")


@admin.register(DegreeEnrolment)
class DegreeEnrolmentAdmin(admin.ModelAdmin):
    list_display = ("resident", "university", "major", "level", "enrolled_on", "status")
    list_filter = ("status", "level")
    raw_id_fields = ("resident",)


@admin.register(ColumnPost)
class ColumnPostAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "published_at", "withdrawn")
    list_filter = ("category", "withdrawn")
