"""The front page's section blocks, as the editors arrange them on the home page.

A StreamField rather than inline models: the arrangement lives in the page's revision, so a
draft can be previewed and scheduled like any other change, and the editors reorder it with
StreamField's own controls.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

FRONT_BLOCK_DEFAULT_COUNT = 4
FRONT_BLOCK_MAX_COUNT = 12
FRONT_BLOCK_MAX_PINNED = 3
FRONT_BLOCKS_MAX = 12


class FrontSectionBlock(blocks.StructBlock):
    section = blocks.PageChooserBlock(page_type="news.SectionPage", label=_("Section"))
    count = blocks.IntegerBlock(
        label=_("Stories shown"),
        default=FRONT_BLOCK_DEFAULT_COUNT,
        min_value=1,
        max_value=FRONT_BLOCK_MAX_COUNT,
    )
    pinned = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="news.ArticlePage", label=_("Story")),
        label=_("Pinned stories"),
        max_num=FRONT_BLOCK_MAX_PINNED,
        help_text=_(
            "Shown first, in this order; the section's newest stories fill the rest. A story "
            "readers may not see yet (a draft, or under embargo) stays hidden until they may."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Section block")

    def clean(self, value):
        value = super().clean(value)
        if len(value["pinned"]) > value["count"]:
            raise StructBlockValidationError(
                block_errors={
                    "pinned": ValidationError(
                        _("Pin no more stories than the block shows (%(count)s).")
                        % {"count": value["count"]}
                    )
                }
            )
        return value


class FrontSectionsBlock(blocks.StreamBlock):
    section = FrontSectionBlock()

    class Meta:
        max_num = FRONT_BLOCKS_MAX

    def clean(self, value):
        value = super().clean(value)
        seen, errors = set(), {}
        for index, child in enumerate(value):
            section = child.value["section"]
            if section is not None and section.pk in seen:
                errors[index] = StructBlockValidationError(
                    block_errors={
                        "section": ValidationError(
                            _("This section already has a block on the front page.")
                        )
                    }
                )
            elif section is not None:
                seen.add(section.pk)
        if errors:
            raise StreamBlockValidationError(block_errors=errors)
        return value
