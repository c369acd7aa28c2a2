from django.urls import include, path, re_path

from api import views
from api.api import api

token_patterns = (
    [
        path("", views.personal_tokens, name="personal"),
        path("service/", views.service_tokens, name="service"),
        path("<int:pk>/revoke/", views.revoke, name="revoke"),
    ],
    "api_tokens",
)

urlpatterns = [
    path("tokens/", include(token_patterns)),
    path("", api.urls),
    # Anything else under /api/ (a path the API does not have, a year that is not a number) is a 404 problem.
    re_path(r"^[\s\S]*$", views.not_found),
]
