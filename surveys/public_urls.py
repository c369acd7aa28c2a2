from django.urls import path

from surveys import public_views

app_name = "surveys_public"

urlpatterns = [
    path("thanks/", public_views.thanks, name="thanks"),
    path("open/<str:campaign_token>/", public_views.answer_open, name="open"),
    path("<str:token>/", public_views.answer, name="answer"),
]
