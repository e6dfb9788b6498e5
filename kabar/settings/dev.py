"""Local development: debug pages and no static-file caching."""

from .base import *  # noqa: F403

DEBUG = True
WHITENOISE_MAX_AGE = 0
