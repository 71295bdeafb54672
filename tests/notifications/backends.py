"""An SMS backend for tests: a gateway that is down."""

from portal.notifications.sms import SmsBackend


class BrokenGatewaySmsBackend(SmsBackend):
    def send(self, phone: str, text: str) -> None:
        raise ConnectionError(f"gateway refused {phone}")
