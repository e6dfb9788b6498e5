"""The demo newsroom's wire desk is filled from the agency copy shipped in the repository."""

from io import StringIO

import pytest
from django.core.management import call_command

from kabar.ingest.models import WireItem, WireSource

pytestmark = pytest.mark.django_db


def test_demo_wire_source_fills_the_desk_once(section):
    out = StringIO()
    call_command("wire_demo_load", stdout=out)
    assert out.getvalue().strip() == (
        "Kawat demo: found 8, created 8, updated 0, duplicates 1, refused 0"
    )
    source = WireSource.objects.get()
    assert source.kind == "folder" and source.section == section
    copy = WireItem.objects.get(guid="urn:ninjs:demo:reuters:1")
    assert copy.duplicate_of.guid == "demo-antara-1"
    call_command("wire_demo_load", stdout=StringIO())
    assert WireSource.objects.count() == 1 and WireItem.objects.count() == 8
