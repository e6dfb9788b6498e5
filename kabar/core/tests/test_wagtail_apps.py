"""Wagtail's apps are installed without its API v3 (django-ninja), which Kabar does not serve."""

import importlib
import json
import os
import subprocess
import sys

from django.conf import settings
from wagtail.models import ReferenceIndex

from kabar.core import wagtail_apps

# What a web server's master imports before it forks (kabar/ops/granian_serve.py).
SERVING_PROCESS = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "kabar.settings.base"
from kabar.wsgi import application
from kabar.ops.preload import application_warm
application_warm()
print(json.dumps(sorted(
    name for name in sys.modules
    if name.split(".")[0] in ("ninja", "qrcode") or ".api.v3" in name
)))
"""


def test_a_serving_process_imports_neither_the_api_v3_nor_django_ninja(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SERVING_PROCESS],
        cwd=settings.BASE_DIR,
        env={**os.environ, "KABAR_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout.splitlines()[-1]) == []


def test_the_apps_still_register_everything_else():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    assert ReferenceIndex.is_indexed(get_image_model())
    assert ReferenceIndex.is_indexed(get_document_model())


def test_the_stand_ins_register_nothing_and_are_forgotten_afterwards():
    with wagtail_apps.api_v3_left_out():
        stand_in = importlib.import_module("wagtail.images.api.v3.router")
        assert stand_in.router is not None
        assert importlib.import_module("wagtail.api.v3.api").api.add_router("/x/", None) is None
    assert not any(
        isinstance(module, wagtail_apps._StandInModule) for module in sys.modules.values()
    )
    real = importlib.import_module("wagtail.api.v3.registry")
    assert not isinstance(real, wagtail_apps._StandInModule)
    assert real.registry.__class__.__module__ == "wagtail.api.v3.registry"


def test_with_the_api_installed_the_real_modules_are_imported(monkeypatch):
    monkeypatch.setattr(wagtail_apps.apps, "is_installed", lambda name: True)
    with wagtail_apps.api_v3_left_out():
        api = importlib.import_module("wagtail.api.v3.api")
    assert not isinstance(api, wagtail_apps._StandInModule)
