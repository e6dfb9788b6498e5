"""Changes to staff members' second factor: set up, check a code, renew or remove it."""

from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "Aplikasi autentikator"
RECOVERY_DEVICE_NAME = "Kode pemulihan"


def totp_device_start(*, user) -> TOTPDevice:
    """The authenticator app being set up: the same secret until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """Replace the staff member's recovery codes with new ones; returns them, to show once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm a new authenticator app with a code it shows; the new recovery codes, or None
    when the code is wrong."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # One app per person: a re-setup replaces the old one.
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return recovery_codes_renew(user=device.user)


def two_factor_verify(*, request, token: str) -> bool:
    """Check a code from the app, or a recovery code (used up), and mark the session passed."""
    token = "".join(token.split()).lower()
    user = request.user
    devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True))
    devices += list(StaticDevice.objects.devices_for_user(user, confirmed=True))
    for device in devices:
        with transaction.atomic():
            # A recovery code is deleted as it is accepted: it works once.
            if device.verify_token(token):
                two_factor_verify_device(request=request, device=device)
                return True
    return False


@transaction.atomic
def two_factor_disable(*, user) -> None:
    """Remove the staff member's authenticator app and recovery codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def two_factor_verify_device(*, request, device) -> None:
    """Mark the session as having passed the second factor with `device`."""
    request.session.cycle_key()
    otp_login(request, device)
