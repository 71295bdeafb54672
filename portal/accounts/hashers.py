"""Password hashing: PBKDF2-SHA256 with 1,200,000 iterations, stated here rather than
left to Django's default of the day (OWASP 2023: 600,000 at least for PBKDF2-HMAC-SHA256;
this doubles it). Hashes made with fewer iterations are upgraded at the next login."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class PortalPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 1_200_000
