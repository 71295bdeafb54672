"""The text-message channel behind a small interface. ``settings.SMS_BACKEND`` names the
backend; the default writes each message to the log with the number masked, and a
gateway backend (an operator's SMS contract) implements the same ``send``."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from portal.registry.masking import mask_phone

sms_log = logging.getLogger("portal.sms")


class SmsBackend:
    """Sends one text message; raises on failure so the delivery is retried."""

    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class LogSmsBackend(SmsBackend):
    """Development and pilot: one log line per message, the number masked."""

    def send(self, phone: str, text: str) -> None:
        sms_log.info("sms to %s: %s", mask_phone(phone), text)


def get_sms_backend() -> SmsBackend:
    return import_string(settings.SMS_BACKEND)()
