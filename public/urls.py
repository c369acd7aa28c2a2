from django.urls import path

from public import data_views, views

app_name = "public"
urlpatterns = [
    path("centres/", views.directory_page, name="directory"),
    path("centres/<str:licence>/", views.profile_page, name="profile"),
    path("centres/<str:licence>/chart.svg", views.profile_chart, name="profile_chart"),
    path("compare/", views.compare_page, name="compare"),
    path("open-data/", data_views.open_data_page, name="open_data"),
    path("open-data/dictionary/", data_views.dictionary_page, name="dictionary"),
    path("open-data/centres.csv", data_views.centres_csv_machine, name="csv"),
    path("open-data/centres-bg.csv", data_views.centres_csv_people, name="csv_people"),
    path("open-data/centres.json", data_views.centres_json, name="json"),
    path("national/", data_views.national_index, name="national_index"),
    path("national/publication/", data_views.publication_page, name="publication"),
    path("national/publication/<int:year>/", data_views.publication_change, name="publication_change"),
    path("national/<int:year>/", data_views.national_page, name="national"),
    path("national/<int:year>/<slug:name>.svg", data_views.national_chart, name="national_chart"),
    path("national/<int:year>/analysis.<str:fmt>", data_views.national_document, name="national_document"),
    path("language/<str:code>/", views.language, name="language"),
    path("sitemap.xml", data_views.sitemap_xml, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
