import os

from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from accounts.models import User


class Command(BaseCommand):
    help = "Print the demo logins (after seed_demo) and the address the server listens on."

    def add_arguments(self, parser):
        # `make run` passes the address it gives runserver, so the banner never names another port.
        parser.add_argument(
            "--address",
            default=f"127.0.0.1:{os.environ.get('PORT') or '8000'}",
            help="host:port the server is started on (default 127.0.0.1:$PORT, else 8000)",
        )

    def handle(self, *args, address, **options):
        users = {
            u.username: u for u in User.objects.filter(username__in=[d[0] for d in DEMO_USERS]).select_related("centre")
        }
        if not users:
            self.stdout.write("No demo users (run manage.py seed_demo).")
            return
        url = address if "://" in address else f"http://{address}"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"VETQuality is starting at {url} — demo logins:"))
        for username, *_ in DEMO_USERS:
            user = users.get(username)
            if user is None:
                continue
            where = user.centre.name if user.centre else "НАПОО"
            self.stdout.write(f"  {username:<10} / {DEMO_PASSWORD}   {user.get_role_display()} — {where}")
        self.stdout.write("")
