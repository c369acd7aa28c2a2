from django.urls import include, path

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
]
