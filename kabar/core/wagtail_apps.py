"""Wagtail's apps, installed without registering Wagtail's API v3, which Kabar does not serve.

Wagtail 8's images, documents, snippets and redirects apps add their routes to the v3 API
(django-ninja, pydantic schemas) in their `ready()`, whether or not the API's app is installed
and its URLs included. Kabar includes neither, yet every process imported django-ninja and
built the schemas: ~13 MiB in each process of `manage.py serve`, never used
(docs/performance.md, "Memory: ...the last MiB"). These configs run Wagtail's own `ready()` with
the v3 modules answered by stand-ins that register nothing, unless `wagtail.api.v3` is
installed; the real modules stay importable afterwards.
"""

import importlib.abc
import importlib.machinery
import re
import sys
import types
from contextlib import contextmanager

from django.apps import apps
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig

API_APP = "wagtail.api.v3"
# `wagtail.api.v3.api` and each app's `….api.v3`, `….api.v3.router`, `….api.v3.registry`.
API_MODULE = re.compile(r"^wagtail(\.\w+)*\.api\.v3(\.\w+)*$")


def _nothing(*args, **kwargs):
    return None


class _Unused:
    """What a stand-in module hands out for any name: registering with it does nothing."""

    def __getattr__(self, name):
        return _nothing

    __call__ = _nothing


class _StandInModule(types.ModuleType):
    __path__: list[str] = []  # a package: `….api.v3.router` is found under it

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Unused()


class _StandInFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path, target=None):
        if API_MODULE.match(fullname):
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        return None

    def create_module(self, spec):
        return _StandInModule(spec.name)

    def exec_module(self, module):
        pass


@contextmanager
def api_v3_left_out():
    """Within it, Wagtail's v3 API modules import as stand-ins; afterwards they are forgotten."""
    if apps.is_installed(API_APP):
        yield
        return
    finder = _StandInFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for name, module in list(sys.modules.items()):
            if isinstance(module, _StandInModule):
                del sys.modules[name]
                parent, _dot, child = name.rpartition(".")
                if getattr(sys.modules.get(parent), child, None) is module:
                    delattr(sys.modules[parent], child)


class ApiV3LeftOut:
    """An app config mixin: Wagtail's `ready()`, run with the v3 API's modules as stand-ins."""

    def ready(self):
        with api_v3_left_out():
            super().ready()


class WagtailImagesConfig(ApiV3LeftOut, WagtailImagesAppConfig):
    pass


class WagtailDocumentsConfig(ApiV3LeftOut, WagtailDocsAppConfig):
    pass


class WagtailSnippetsConfig(ApiV3LeftOut, WagtailSnippetsAppConfig):
    pass


class WagtailRedirectsConfig(ApiV3LeftOut, WagtailRedirectsAppConfig):
    pass
