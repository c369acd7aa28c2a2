"""Demo: the agency has published the national analysis of every finished year but the last,
whose reports are still being reviewed, so the public pages show headline figures and a national page."""

from accounts.models import Role, User
from public.services import publish_analysis


def seed(ctx):
    admin = User.objects.filter(role=Role.ADMIN).order_by("pk").first()
    years = list(ctx.years[:-1]) if len(ctx.years) > 1 else list(ctx.years)
    for year in years:
        publish_analysis(year, actor=admin)
    ctx.stdout.write(f"  published analyses: {', '.join(map(str, years)) or '—'}")
