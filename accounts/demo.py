"""Demo users: each centre role for the first demo CPO, directors for the others, and the agency."""

from django.contrib.auth.hashers import make_password

from accounts.models import Role, User

DEMO_PASSWORD = "vetquality-demo"

# (username, role, index into ctx.data["demo_centres"] or None, first name, last name)
DEMO_USERS = [
    ("director", Role.DIRECTOR, 0, "Мария", "Петрова"),
    ("editor", Role.EDITOR, 0, "Иван", "Георгиев"),
    ("viewer", Role.VIEWER, 0, "Елена", "Димитрова"),
    ("director2", Role.DIRECTOR, 1, "Стоян", "Колев"),
    ("director3", Role.DIRECTOR, 2, "Надя", "Стефанова"),
    ("cipo", Role.DIRECTOR, 3, "Росица", "Илиева"),
    ("expert", Role.EXPERT, None, "Георги", "Николов"),
    ("admin", Role.ADMIN, None, "Десислава", "Тодорова"),
]


def seed(ctx):
    centres = ctx.data["demo_centres"]
    password = make_password(DEMO_PASSWORD)  # hash once: PBKDF2 is slow on purpose
    users = [
        User(
            username=username,
            password=password,
            role=role,
            centre=centres[index] if index is not None else None,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.vetquality.bg",
        )
        for username, role, index, first, last in DEMO_USERS
    ]
    User.objects.bulk_create(users)
    ctx.progress("users", len(users), len(users))
