from tests.education.fixtures import coordinator, course, course_class, programmes

__all__ = ["coordinator", "course", "course_class", "programmes"]
