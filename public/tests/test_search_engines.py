"""Sitemap, robots.txt, canonical URLs, Open Graph and schema.org data for search engines and sharing."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse

from public.tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_every_profile_and_robots_points_to_it(client, centre_a, centre_c):
    xml = client.get(reverse("public:sitemap")).content.decode()
    assert xml.startswith("<?xml")
    for centre in (centre_a, centre_c):
        assert f"<loc>{settings.SITE_URL}/centres/{centre.licence_number}/</loc>" in xml
    robots = client.get(reverse("public:robots")).content.decode()
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in robots
    assert "Disallow: /registry/" in robots and "Disallow: /login/" in robots


def test_a_profile_carries_open_graph_and_educational_organization_data(client, centre_a):
    f.report(centre_a, 2024)
    html = client.get(reverse("public:profile", args=[centre_a.licence_number])).content.decode()
    assert f'<meta property="og:title" content="{centre_a.name}">' in html
    assert re.search(r'<meta property="og:description" content="[^"]*Отлично \(2024\)', html)
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "EducationalOrganization"
    assert data["name"] == centre_a.name and data["identifier"] == centre_a.licence_number
    assert data["url"] == f"{settings.SITE_URL}/centres/{centre_a.licence_number}/"


def test_json_ld_cannot_close_its_script_element(db):
    from conftest import make_centre
    from public.figures import json_ld
    from public.records import build

    centre = make_centre("200812077", "ЦПО </script><script>alert(1)</script>")
    text = json_ld(build("t").by_licence[centre.licence_number], "https://example.bg/")
    assert "</script>" not in text and json.loads(text)["name"] == centre.name


def test_charts_are_svg_images(client, centre_a):
    f.report(centre_a, 2023)
    f.report(centre_a, 2024)
    response = client.get(reverse("public:profile_chart", args=[centre_a.licence_number]))
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in response.content
