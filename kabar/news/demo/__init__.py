"""The Kabar Harapan demo newsroom: the seed story as the lead, plus original demo articles."""

from .services import demo_newsroom_blocked, demo_newsroom_load

__all__ = ["demo_newsroom_blocked", "demo_newsroom_load"]
