"""Merge tags that differ only in case ("Transportasi" and "transportasi"), made before
TAGGIT_CASE_INSENSITIVE: the oldest tag keeps the articles, the others' addresses redirect."""

from django.db import migrations

TAG_PREFIXES = ("/tag/", "/en/tag/")


def tag_case_duplicates_merge(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    ArticleTag = apps.get_model("news", "ArticleTag")
    ArticlePage = apps.get_model("news", "ArticlePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    Redirect = apps.get_model("wagtailredirects", "Redirect")

    groups = {}
    for tag in Tag.objects.order_by("pk"):
        groups.setdefault(tag.name.casefold(), []).append(tag)
    for target, *sources in (group for group in groups.values() if len(group) > 1):
        for source in sources:
            article_ids = list(
                ArticleTag.objects.filter(tag=source).values_list("content_object_id", flat=True)
            )
            ArticleTag.objects.filter(
                tag=source,
                content_object_id__in=ArticleTag.objects.filter(tag=target).values(
                    "content_object_id"
                ),
            ).delete()
            ArticleTag.objects.filter(tag=source).update(tag=target)
            # Drafts saved before the merge would otherwise bring the deleted tag back.
            pages = ArticlePage.objects.filter(pk__in=article_ids)
            revision_ids = {
                pk
                for pair in pages.values_list("latest_revision_id", "live_revision_id")
                for pk in pair
                if pk
            }
            for revision in Revision.objects.filter(pk__in=revision_ids):
                items, seen = [], set()
                for item in revision.content.get("tagged_items") or []:
                    tag_id = target.pk if item.get("tag") == source.pk else item.get("tag")
                    if tag_id not in seen:
                        seen.add(tag_id)
                        items.append({**item, "tag": tag_id})
                revision.content["tagged_items"] = items
                revision.save(update_fields=["content"])
            for prefix in TAG_PREFIXES:
                Redirect.objects.update_or_create(
                    old_path=f"{prefix}{source.slug}",
                    site=None,
                    defaults={
                        "redirect_link": f"{prefix}{target.slug}/",
                        "is_permanent": True,
                    },
                )
            source.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0008_live_coverage"),
        ("taggit", "__latest__"),
        ("wagtailcore", "__latest__"),
        ("wagtailredirects", "__latest__"),
    ]

    operations = [migrations.RunPython(tag_case_duplicates_merge, migrations.RunPython.noop)]
