"""The education app's records: the community college (courses, classes, enrolments,
completion certificates), training programmes with yearly targets and entries, adult
degree enrolments and the farmers' information column."""

from education.models.column import ColumnCategory, ColumnPost
from education.models.courses import (
    CompletionCertificate,
    Course,
    CourseCategory,
    CourseClass,
    Enrolment,
    EnrolmentStatus,
)
from education.models.degrees import DegreeEnrolment, DegreeExam, DegreeLevel, StudyStatus
from education.models.programmes import (
    CountingMethod,
    EntrySource,
    ProgrammeTarget,
    TrainingEntry,
    TrainingProgramme,
)

__all__ = [
    "ColumnCategory",
    "ColumnPost",
    "CompletionCertificate",
    "CountingMethod",
    "Course",
    "CourseCategory",
    "CourseClass",
    "DegreeEnrolment",
    "DegreeExam",
    "DegreeLevel",
    "Enrolment",
    "EnrolmentStatus",
    "EntrySource",
    "ProgrammeTarget",
    "StudyStatus",
    "TrainingEntry",
    "TrainingProgramme",
]
