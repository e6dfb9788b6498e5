from django import template

from ..models import Correction
from ..selectors import corrections_for_article

register = template.Library()


@register.inclusion_tag("corrections/includes/box.html")
def corrections_box(page, position="top"):
    """The story's notes for one place: Koreksi, Klarifikasi and Hak Jawab in a box near the
    top, Ralat and updates at the end."""
    notes = [n for n in corrections_for_article(page) if n.is_prominent == (position == "top")]
    return {"notes": notes, "position": position, "Kind": Correction.Kind}
