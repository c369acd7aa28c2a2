from django.core.management.base import BaseCommand

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from accounts.models import User


class Command(BaseCommand):
    help = "Print the demo logins (after seed_demo)."

    def handle(self, *args, **options):
        users = {
            u.username: u for u in User.objects.filter(username__in=[d[0] for d in DEMO_USERS]).select_related("centre")
        }
        if not users:
            self.stdout.write("No demo users (run manage.py seed_demo).")
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("VETQuality is starting at http://127.0.0.1:8000 — demo logins:"))
        for username, *_ in DEMO_USERS:
            user = users.get(username)
            if user is None:
                continue
            where = user.centre.name if user.centre else "НАПОО"
            self.stdout.write(f"  {username:<10} / {DEMO_PASSWORD}   {user.get_role_display()} — {where}")
        self.stdout.write("")
