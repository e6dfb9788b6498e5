"""Reads about staff members' second factor."""

from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kabar.core.services import ADMIN_GROUP, EDITOR_GROUP, EDITOR_IN_CHIEF_GROUP

# The roles that can publish, moderate and change the site: a stolen password must not be enough.
TWO_FACTOR_ROLES = (EDITOR_GROUP, EDITOR_IN_CHIEF_GROUP, ADMIN_GROUP)


def two_factor_required(*, user) -> bool:
    """Whether this staff member must pass a second factor to reach the admin."""
    if not settings.STAFF_2FA_REQUIRED or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=TWO_FACTOR_ROLES).exists()


def two_factor_enabled(*, user) -> bool:
    """Whether the staff member has a confirmed authenticator app."""
    return user_has_device(user, confirmed=True)


def totp_device_confirmed(*, user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def recovery_codes_left(*, user) -> int:
    """How many unused recovery codes the staff member has."""
    return StaticToken.objects.filter(device__in=StaticDevice.objects.filter(user=user)).count()
