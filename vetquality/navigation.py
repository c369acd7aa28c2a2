"""Role-aware navigation. Each app adds its entries here; the base template renders them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centres.access import is_agency, is_agency_admin, is_centre_user

# (label, url name, who sees it)
ENTRIES = [
    (_("Home"), "home", lambda u: True),
    (_("Reports"), "reports:list", lambda u: is_agency(u) or is_centre_user(u)),
    (_("Activity information"), "activity:index", lambda u: is_agency(u) or is_centre_user(u)),
    (_("Surveys"), "surveys:index", lambda u: is_agency(u) or is_centre_user(u)),
    (_("Centres"), "centres:list", is_agency),
    (_("Analysis"), "analysis:index", is_agency),
    (_("Frameworks"), "frameworks:list", is_agency_admin),
    (_("Administration"), "admin:index", is_agency_admin),
    (_("Reads of data"), "audit:reads", is_agency_admin),
]


def entries_for(user, current_path):
    items = []
    for label, url_name, visible in ENTRIES:
        if not user.is_authenticated and url_name != "home":
            continue
        if not visible(user):
            continue
        url = reverse(url_name)
        active = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": label, "url": url, "active": active})
    return items
