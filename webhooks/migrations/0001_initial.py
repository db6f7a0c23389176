"""Webhook endpoints and their deliveries (issue 11, item 6)."""

import django.db.models.deletion
import django.utils.timezone
import uuid
import webhooks.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Delivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event', models.CharField(choices=[('published', 'Published'), ('updated', 'Updated while live'), ('corrected', 'Corrected'), ('unpublished', 'Unpublished'), ('deleted', 'Deleted')], max_length=20, verbose_name='event')),
                ('article_id', models.BigIntegerField(help_text="The article's number (kept when the article is deleted).", verbose_name='article')),
                ('payload', models.JSONField(help_text='The body sent, as it was when the event happened.', verbose_name='payload')),
                ('idempotency_key', models.UUIDField(default=uuid.uuid4, editable=False, help_text='Sent as X-Newsroom-Delivery, the same on every attempt: the receiver ignores a repeat.', unique=True, verbose_name='idempotency key')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('delivered', 'Delivered'), ('failed', 'Failed, will retry'), ('dead', 'Dead (given up)')], default='pending', max_length=20, verbose_name='status')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                ('last_status_code', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='HTTP status')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('latency_ms', models.PositiveIntegerField(blank=True, null=True, verbose_name='latency (ms)')),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='next attempt')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='delivered at')),
            ],
            options={
                'verbose_name': 'webhook delivery',
                'verbose_name_plural': 'webhook deliveries',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='DeadDelivery',
            fields=[
            ],
            options={
                'verbose_name': 'dead letter',
                'verbose_name_plural': 'dead letters',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('webhooks.delivery',),
        ),
        migrations.CreateModel(
            name='Endpoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='Who receives it, e.g. “Partner portal” or “Newsletter”.', max_length=100, verbose_name='name')),
                ('url', models.URLField(help_text='Where deliveries are posted: an http:// or https:// address. Redirects are not followed.', max_length=500, verbose_name='URL')),
                ('events', models.JSONField(blank=True, default=list, help_text='What this endpoint is sent; at least one.', verbose_name='events')),
                ('secret', models.CharField(default=webhooks.models.new_secret, editable=False, help_text="The receiver checks each delivery's signature with it. Rotating it replaces it at once.", max_length=100, verbose_name='signing secret')),
                ('active', models.BooleanField(default=True, help_text='An inactive endpoint is sent nothing; its waiting deliveries end in the dead letters.', verbose_name='active')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='registered at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='changed at')),
                ('secret_rotated_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='secret rotated at')),
                ('created_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='registered by')),
            ],
            options={
                'verbose_name': 'webhook endpoint',
                'verbose_name_plural': 'webhook endpoints',
                'ordering': ['name', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='delivery',
            name='endpoint',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='webhooks.endpoint', verbose_name='endpoint'),
        ),
        migrations.AddConstraint(
            model_name='endpoint',
            constraint=models.CheckConstraint(condition=models.Q(('url__startswith', 'http://'), ('url__startswith', 'https://'), _connector='OR'), name='webhook_endpoint_url_is_http', violation_error_message='The address must start with http:// or https://.'),
        ),
        migrations.AddIndex(
            model_name='delivery',
            index=models.Index(fields=['status', 'next_attempt_at'], name='webhook_delivery_due_idx'),
        ),
        migrations.AddIndex(
            model_name='delivery',
            index=models.Index(fields=['article_id'], name='webhook_delivery_article_idx'),
        ),
        migrations.AddConstraint(
            model_name='delivery',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'delivered'), ('delivered_at__isnull', False)), models.Q(models.Q(('status', 'delivered'), _negated=True), ('delivered_at__isnull', True)), _connector='OR'), name='webhook_delivered_has_delivered_at'),
        ),
    ]
