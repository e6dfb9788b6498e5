"""The demo newsroom's wire desk: a drop folder of agency copy shipped with Kabar."""

from pathlib import Path

from kabar.ingest.models import WireSource
from kabar.ingest.services.wire import WireCounts
from kabar.ingest.services.wire_poll import wire_source_poll
from kabar.news.models import SectionPage

DEMO_FOLDER = Path(__file__).resolve().parent / "wire"
DEMO_SOURCE = "Kawat demo"
DEMO_SECTION = "luar-negeri"


def wire_demo_load() -> WireCounts | None:
    """Add the demo folder source and poll it once; None when any wire source exists already."""
    if WireSource.objects.exists():
        return None
    source = WireSource.objects.create(
        name=DEMO_SOURCE,
        kind=WireSource.Kind.FOLDER,
        url=str(DEMO_FOLDER),
        credit="ANTARA",
        section=SectionPage.objects.filter(slug=DEMO_SECTION).first(),
        poll_minutes=60,
    )
    return wire_source_poll(source=source)
