"""``manage.py setup_roles``: the Reporter and Editor groups and their permissions."""

from django.core.management.base import BaseCommand

from articles.roles import ROLE_PERMISSIONS, setup_roles


class Command(BaseCommand):
    help = "Create or update the Reporter and Editor groups and their permissions (idempotent)."

    def handle(self, *args, **options):
        groups = setup_roles()
        for name, group in groups.items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
        self.stdout.write(self.style.SUCCESS(f"Roles ready: {', '.join(ROLE_PERMISSIONS)}."))
