"""The audit log: what happened to the newsroom's trust, written as it happens,
read (never edited) by an admin, exported as CSV."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from accounts.models import AuditEntry
from articles.roles import EDITOR
from articles.services.workflow import article_publish, article_submit_for_review
from tests import factories
from tests.factories import sign_in

pytestmark = pytest.mark.django_db
HERE = "192.0.2.10"


def actions(**filters):
    return list(AuditEntry.objects.filter(**filters).order_by("pk").values_list("action", flat=True))


def test_logins_failures_and_lockouts_are_written_with_the_address(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    factories.reporter(username="kim")
    client.post("/admin/login/", {"username": "kim", "password": "pass-word-123"}, REMOTE_ADDR=HERE)
    client.post("/admin/logout/")
    for _ in range(3):
        client.post("/admin/login/", {"username": "kim", "password": "guess"}, REMOTE_ADDR=HERE)
    kinds = ["login", "logout", "login_failed", "lockout"]
    written = [action for action in actions(target="kim") if action in kinds]
    assert written[:2] == ["login", "logout"]
    assert sorted(written[2:]) == ["lockout", "login_failed", "login_failed", "login_failed"]
    failure = AuditEntry.objects.filter(action="login_failed").first()
    assert failure.actor_name == "kim" and failure.ip_address == HERE


def test_role_and_permission_changes_are_written_with_who_made_them(admin_client, admin_user):
    kim = factories.UserFactory(username="kim")
    editors = Group.objects.get(name=EDITOR)
    kim.groups.add(editors)
    kim.groups.remove(editors)
    kim.user_permissions.add(Permission.objects.get(codename="publish_article"))
    kim.is_superuser = True
    kim.save()
    entries = AuditEntry.objects.filter(target="kim", action__in=["roles_changed", "account_changed"]).order_by("pk")
    details = [entry.detail for entry in entries]
    assert "groups: +Editor" in details and "groups: −Editor" in details
    assert "user_permissions: +articles.publish_article" in details
    assert "is_superuser: False → True" in details


def test_a_role_change_in_the_admin_names_the_admin(admin_client, admin_user):
    kim = factories.UserFactory(username="kim")
    editors = Group.objects.get(name=EDITOR)
    page = admin_client.get(f"/admin/auth/user/{kim.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in ("username", "first_name", "last_name", "email")}
    data.update(
        {
            "is_active": "on",
            "is_staff": "on",
            "groups": [editors.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        }
    )
    admin_client.post(f"/admin/auth/user/{kim.pk}/change/", data)
    entry = AuditEntry.objects.get(action="roles_changed", target="kim")
    assert entry.actor == admin_user and entry.detail == "groups: +Editor"


def test_a_password_change_is_written(client):
    kim = factories.reporter(username="kim")
    kim.set_password("another-pass-word-456")
    kim.save()
    assert "password_changed" in actions(target="kim")


def test_every_workflow_transition_is_in_the_audit_log_beside_the_logins(editor):
    article = factories.make_publishable(editor, headline="예산안 통과")
    article_submit_for_review(article=article, user=editor)
    article_publish(article=article, user=editor)
    entries = AuditEntry.objects.filter(action="workflow").order_by("pk")
    assert [entry.detail for entry in entries] == ["draft → review", "review → published"]
    assert entries[0].target == f"#{article.pk} 예산안 통과" and entries[0].actor == editor


def test_nobody_edits_or_deletes_the_audit_log_in_the_admin_not_even_the_superuser(admin_client):
    factories.reporter(username="kim").save()
    entry = AuditEntry.objects.first()
    assert admin_client.get("/admin/accounts/auditentry/").status_code == 200
    assert admin_client.get(f"/admin/accounts/auditentry/{entry.pk}/change/").status_code == 200  # to read
    admin_client.post(f"/admin/accounts/auditentry/{entry.pk}/change/", {"detail": "nothing happened"})
    admin_client.post(f"/admin/accounts/auditentry/{entry.pk}/delete/", {"post": "yes"})
    admin_client.post(
        "/admin/accounts/auditentry/", {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert admin_client.get("/admin/accounts/auditentry/add/").status_code == 403
    entry.refresh_from_db()
    assert entry.detail != "nothing happened"


def test_an_editor_cannot_read_the_audit_log(editor):
    client = sign_in(Client(), editor)
    assert client.get("/admin/accounts/auditentry/").status_code == 403
    assert client.get("/admin/accounts/auditentry/export/").status_code == 403


def test_the_export_is_the_filtered_list_as_csv_safe_for_spreadsheets(admin_client, client):
    factories.reporter(username="kim")
    client.post("/admin/login/", {"username": '=HYPERLINK("http://x")', "password": "x"}, REMOTE_ADDR=HERE)
    client.post("/admin/login/", {"username": "kim", "password": "guess"}, REMOTE_ADDR=HERE)
    response = admin_client.get("/admin/accounts/auditentry/export/", {"action__exact": "login_failed"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3  # the header and the two failures, nothing else
    assert {row[2] for row in rows[1:]} == {"kim", '\'=HYPERLINK("http://x")'}
    assert AuditEntry.objects.filter(action="audit_exported").exists()
