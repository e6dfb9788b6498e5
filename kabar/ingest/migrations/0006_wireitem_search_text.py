"""The wire desk's full-text search: the items' stems, indexed by the database itself.

SQLite: an FTS5 table over `search_text` (external content: the text is stored once, in the
item's row), kept in step by triggers, so bulk inserts and cascading deletes are indexed too.
PostgreSQL: a GIN index on the `indonesian` text search vector of the same column. Existing
items get their text here.
"""

from django.db import migrations, models


def search_index_create(apps, schema_editor):
    from kabar.ingest.services.wire_search import search_index_create

    search_index_create(connection=schema_editor.connection)


def search_index_drop(apps, schema_editor):
    from kabar.ingest.services.wire_search import search_index_drop

    search_index_drop(connection=schema_editor.connection)


def search_text_fill(apps, schema_editor):
    """The stems of the items already on the desk."""
    from kabar.core.text import text_stems
    from kabar.ingest.wire.html import html_text

    WireItem = apps.get_model("ingest", "WireItem")
    items = WireItem.objects.only("pk", "dateline_place", "headline", "summary", "body_html")
    for item in items.iterator(chunk_size=500):
        text = "\n".join(
            [item.dateline_place, item.headline, item.summary, html_text(item.body_html)]
        )
        WireItem.objects.filter(pk=item.pk).update(search_text=text_stems(text))


class Migration(migrations.Migration):
    dependencies = [
        ("ingest", "0005_importjob_private_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="wireitem",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        # Filled before the index exists, which then indexes every item once.
        migrations.RunPython(search_text_fill, migrations.RunPython.noop),
        migrations.RunPython(search_index_create, search_index_drop),
    ]
