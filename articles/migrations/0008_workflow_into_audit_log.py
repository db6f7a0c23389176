"""The audit log shows every workflow transition beside the logins and role
changes: copy the ones recorded before it existed."""

from django.db import migrations


def copy_events(apps, schema_editor):
    ArticleEvent = apps.get_model("articles", "ArticleEvent")
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    entries = []
    for event in ArticleEvent.objects.select_related("actor", "article").iterator(chunk_size=2000):
        entries.append(
            AuditEntry(
                created_at=event.created_at,
                action="workflow",
                actor=event.actor,
                actor_name=event.actor.username if event.actor else "scheduler",
                target=f"#{event.article_id} {event.article.headline}"[:300],
                detail=f"{event.from_status or '—'} → {event.to_status}" + (f": {event.note}" if event.note else ""),
            )
        )
        if len(entries) >= 2000:
            AuditEntry.objects.bulk_create(entries)
            entries = []
    AuditEntry.objects.bulk_create(entries)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_desk_drafts_permission"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_events, migrations.RunPython.noop)]
