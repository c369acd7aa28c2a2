"""Role-aware navigation. Each app adds its entries here; the base template renders them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from centres.access import is_agency, is_agency_admin, is_centre_user, may_read_assessment

# (label, url name, who sees it)
ENTRIES = [
    (_("Home"), "home", lambda u: True),
    (_("Reports"), "reports:list", lambda u: is_agency(u) or is_centre_user(u)),
    (_("Activity information"), "activity:index", lambda u: is_agency(u) or is_centre_user(u)),
    (_("Surveys"), "surveys:index", lambda u: is_agency(u) or is_centre_user(u)),
    (_("Independent assessment"), "assessment:index", may_read_assessment),
    (_("Centres"), "centres:list", is_agency),
    (_("Analysis"), "analysis:index", is_agency),
    (_("Follow-up control"), "control:list", lambda u: is_agency(u) or is_centre_user(u)),
    (_("Frameworks"), "frameworks:list", is_agency_admin),
    (_("Reporting years"), "reports:years", is_agency_admin),
    (_("Publication"), "public:publication", is_agency_admin),
    (_("Administration"), "administration:users", is_agency_admin),
    (_("Reads of data"), "audit:reads", is_agency_admin),
    (_("API"), "api_tokens:personal", lambda u: is_agency(u) or is_centre_user(u)),
    # Django's own admin is the technical operators' tool, not the agency's daily one.
    (_("Technical admin"), "admin:index", lambda u: u.is_active and u.is_superuser),
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
