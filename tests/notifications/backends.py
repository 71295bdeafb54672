"""An SMS backend for tests: a gateway that is down."""

from portal.accounts.sms import SmsBackend


class BrokenGatewaySmsBackend(SmsBackend):
    def send(self, phone: str, text: str) -> None:
        raise ConnectionError(f"gateway refused {phone}")


#: Messages the outbox backend "sent": (phone, text), newest last.
outbox: list[tuple[str, str]] = []


class OutboxSmsBackend(SmsBackend):
    """Keeps every message in ``outbox`` (the tests read the codes from it)."""

    def send(self, phone: str, text: str) -> None:
        outbox.append((phone, text))
