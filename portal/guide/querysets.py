"""Queries over the service guide. Entries are public, so there is no community scope."""

from django.db import models

#: Fields that a resident's search words are looked for in.
SEARCH_FIELDS = ("title", "summary", "keywords", "eligibility", "materials")
#: Words beyond this many are ignored: a pasted paragraph is not a search.
MAX_SEARCH_TERMS = 6


class ServiceEntryQuerySet(models.QuerySet):
    def public(self) -> "ServiceEntryQuerySet":
        """Every entry a visitor may read: all of them, the temporarily closed ones
        included (the pages mark those with a badge and the reason)."""
        return self.all()

    def search(self, text: str) -> "ServiceEntryQuerySet":
        """Entries that contain every word of ``text`` (split on spaces, full-width ones
        too) in the title, summary, keywords, eligibility or materials.

        ``icontains`` is case-insensitive on SQLite (ASCII) and PostgreSQL (UPPER … LIKE);
        Chinese has no case, so 低保 and 最低生活保障 match as typed.
        """
        terms = (text or "").split()[:MAX_SEARCH_TERMS]
        queryset = self
        for term in terms:
            match = models.Q()
            for field in SEARCH_FIELDS:
                match |= models.Q(**{f"{field}__icontains": term})
            queryset = queryset.filter(match)
        return queryset

    def in_category(self, category: str) -> "ServiceEntryQuerySet":
        return self.filter(category=category)
