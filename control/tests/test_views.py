"""Three-rung permissions for every control page, and bad input answered 4xx with nothing saved."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from control import timers
from control.models import Control, Objection, State
from control.tests.conftest import base_day, walk
from inputs import samples

PDF = samples.pdf_bytes()


def _login_redirect(response):
    return response.status_code == 302 and "login" in response["Location"]


@pytest.fixture
def ordered(planned, erin):
    return walk(planned, erin, State.ORDERED)


AGENCY_PAGES = [
    ("control:ranking", ()),
    ("control:dashboard", ()),
]


@pytest.mark.parametrize("name,args", AGENCY_PAGES)
def test_agency_pages_three_rungs(client, client_for, dora, erin, name, args):
    url = reverse(name, args=args)
    assert _login_redirect(client.get(url))
    assert client_for(dora).get(url).status_code == 403
    assert client_for(erin).get(url).status_code == 200


def test_exports_three_rungs(client, client_for, dora, erin, centre_a):
    for url in (
        reverse("control:ranking_export", args=["csv"]) + "?year=2024",
        reverse("control:ranking_export", args=["xlsx"]) + "?year=2024",
        reverse("control:table_export", args=["states", "csv"]) + "?year=2024",
        reverse("control:table_export", args=["items", "xlsx"]) + "?year=2024",
    ):
        client.logout()
        assert _login_redirect(client.get(url))
        assert client_for(dora).get(url).status_code == 403
        response = client_for(erin).get(url)
        assert response.status_code == 200 and "attachment" in response["Content-Disposition"]


def test_ranking_csv_is_the_peoples_dialect(client_for, erin, centre_a):
    body = client_for(erin).get(reverse("control:ranking_export", args=["csv"]) + "?year=2024").content
    assert body.startswith("\ufeff".encode()) and b";" in body.splitlines()[0]


def test_settings_page_three_rungs(client, client_for, erin, adam):
    url = reverse("control:settings")
    assert _login_redirect(client.get(url))
    assert client_for(erin).get(url).status_code == 403
    assert client_for(adam).get(url).status_code == 200
    response = client_for(adam).post(
        url,
        {
            "agency_name": "НАПОО",
            "agency_address": "София, бул. „Цар Борис III“ 215",
            "signer_name": "Иван Иванов",
            "signer_title": "Председател",
        },
    )
    assert response.status_code == 302


def test_list_three_rungs(client, client_for, erin, dora, planned):
    url = reverse("control:list")
    assert _login_redirect(client.get(url))
    assert client_for(erin).get(url).status_code == 200
    response = client_for(dora).get(url)
    assert response.status_code == 200
    assert reverse("control:case", args=[planned.pk]) not in response.content.decode()


def test_centre_never_sees_a_planned_control(client_for, dora, planned):
    assert client_for(dora).get(reverse("control:case", args=[planned.pk])).status_code == 404


def test_case_page_three_rungs(client, client_for, erin, dora, vicky, boris, ordered):
    url = reverse("control:case", args=[ordered.pk])
    assert _login_redirect(client.get(url))
    assert client_for(boris).get(url).status_code == 404
    assert client_for(dora).get(url).status_code == 200
    assert client_for(vicky).get(url).status_code == 200
    assert client_for(erin).get(url).status_code == 200


def test_buttons_only_for_allowed_steps(client_for, erin, planned):
    page = client_for(erin).get(reverse("control:case", args=[planned.pk])).content.decode()
    assert 'id="step-order"' in page and 'id="step-start"' not in page and 'id="step-close"' not in page


def test_order_page_three_rungs_and_bad_dates(client, client_for, erin, dora, planned):
    url = reverse("control:order", args=[planned.pk])
    assert _login_redirect(client.get(url))
    assert client_for(dora).get(url).status_code == 403
    assert client_for(erin).get(url).status_code == 200
    response = client_for(erin).post(
        url,
        {
            "order_number": "РД-1",
            "ordered_on": "2026-01-10",
            "inspector_1": erin.pk,
            "inspector_2": erin.pk,
            "check_from": "2026-02-10",
            "check_to": "2026-02-01",
            "desk": "on",
            "period_from": "2024-01-01",
            "period_to": "2025-12-31",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "два пъти" in text or "twice" in text
    assert Control.objects.get().state == State.PLANNED


def test_order_refuses_a_centre_user_inspector(client_for, erin, dora, planned):
    response = client_for(erin).post(
        reverse("control:order", args=[planned.pk]),
        {
            "order_number": "РД-1",
            "ordered_on": "2026-01-10",
            "inspector_1": dora.pk,
            "check_from": "2026-02-01",
            "check_to": "2026-02-10",
            "desk": "on",
            "period_from": "2024-01-01",
            "period_to": "2025-12-31",
        },
    )
    assert response.status_code == 400
    assert Control.objects.get().state == State.PLANNED


def test_plan_from_the_ranking(client_for, erin, centre_a, centre_b):
    response = client_for(erin).post(
        reverse("control:plan"),
        {"year": "2024", "centre": [centre_a.pk, centre_b.pk], "kind": "periodic", "type": "complex"},
    )
    assert response.status_code == 302
    assert Control.objects.filter(state=State.PLANNED).count() == 2
    again = client_for(erin).post(
        reverse("control:plan"), {"year": "2024", "centre": [centre_a.pk], "kind": "periodic", "type": "complex"}
    )
    assert again.status_code == 400
    assert Control.objects.count() == 2


def test_checklist_page_permissions_and_conflict(client, client_for, erin, erin2, dora, planned):
    walk(planned, erin, State.INSPECTING)
    url = reverse("control:checklist", args=[planned.pk])
    assert _login_redirect(client.get(url))
    assert client_for(dora).get(url).status_code == 404  # the centre sees answers once the protocol is issued
    assert client_for(erin).get(url).status_code == 200
    code = planned.checklist.items.order_by("order").first().code
    stale = planned.lock_version
    ok = client_for(erin).post(url, {"lock_version": stale, f"answer_{code}": "ДА", f"comment_{code}": ""})
    assert ok.status_code == 302
    conflict = client_for(erin).post(url, {"lock_version": stale, f"answer_{code}": "НЕ", f"comment_{code}": "x"})
    assert conflict.status_code == 409
    assert planned.answers.get(item__code=code).answer == "ДА"
    assert client_for(erin2).post(url, {"lock_version": stale + 1}).status_code == 403


def test_checklist_refuses_an_unknown_answer(client_for, erin, planned):
    walk(planned, erin, State.INSPECTING)
    code = planned.checklist.items.order_by("order").first().code
    response = client_for(erin).post(
        reverse("control:checklist", args=[planned.pk]),
        {"lock_version": planned.lock_version, f"answer_{code}": "МОЖЕ"},
    )
    assert response.status_code == 400
    assert planned.answers.get(item__code=code).answer == ""


def test_protocol_with_remedy_outside_the_bounds_is_400(client_for, erin, planned):
    walk(planned, erin, State.INSPECTING)
    first = planned.checklist.items.order_by("order").first().code
    from control import services
    from control.tests.conftest import answer_all

    answer_all(planned, erin, overrides={first: {"answer": "НЕ", "comment": "липсва"}})
    services.add_finding(
        planned,
        actor=erin,
        item_code=first,
        klass="violation",
        text="x",
        recommendation="y",
        deadline=timers.today() + dt.timedelta(days=5),
    )
    protocol_on = base_day() + dt.timedelta(days=14)
    response = client_for(erin).post(
        reverse("control:step", args=[planned.pk, "protocol"]),
        {
            "protocol_number": "П-1",
            "check_ended_on": (base_day() + dt.timedelta(days=10)).isoformat(),
            "protocol_on": protocol_on.isoformat(),
            "remedy_deadline": (protocol_on + dt.timedelta(days=200)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert Control.objects.get().state == State.INSPECTING


def test_objection_pages(client, client_for, erin, dora, vicky, boris, planned):
    walk(planned, erin, State.OBJECTION_WINDOW)
    Control.objects.filter(pk=planned.pk).update(protocol_delivered_on=timers.today())
    url = reverse("control:objection", args=[planned.pk])
    assert _login_redirect(client.get(url))
    assert client_for(boris).get(url).status_code == 404
    assert client_for(vicky).get(url).status_code == 403
    assert client_for(vicky).post(url, {"text": "x"}).status_code == 403
    assert client_for(erin).get(url).status_code == 403
    assert client_for(dora).get(url).status_code == 200
    bad = client_for(dora).post(url, {"text": "x", "files": SimpleUploadedFile("a.pdf", b"not a pdf")})
    assert bad.status_code == 400 and not Objection.objects.exists()
    good = client_for(dora).post(url, {"text": "Възразяваме.", "files": SimpleUploadedFile("a.pdf", PDF)})
    assert good.status_code == 302 and Objection.objects.exists()


def test_objection_after_the_window_is_400(client_for, erin, dora, planned):
    walk(planned, erin, State.OBJECTION_WINDOW)
    Control.objects.filter(pk=planned.pk).update(protocol_delivered_on=timers.today() - dt.timedelta(days=30))
    response = client_for(dora).post(reverse("control:objection", args=[planned.pk]), {"text": "Късно."})
    assert response.status_code == 400
    assert "ended" in response.content.decode() or "изтече" in response.content.decode()
    assert not Objection.objects.exists()


def test_fulfilment_page_once_only(client_for, erin, dora, vicky, planned):
    walk(planned, erin, State.REMEDY)
    url = reverse("control:fulfilment", args=[planned.pk])
    finding = planned.findings.get()
    assert client_for(vicky).get(url).status_code == 403
    assert client_for(dora).get(url).status_code == 200
    missing = client_for(dora).post(url, {})
    assert missing.status_code == 400
    data = {f"done_{finding.pk}": "yes", f"text_{finding.pk}": "Направено."}
    assert client_for(dora).post(url, data).status_code == 302
    assert client_for(dora).post(url, data).status_code == 400


def test_another_centres_control_id_is_404_everywhere(client_for, boris, erin, planned):
    walk(planned, erin, State.REMEDY)
    for name in ("case", "checklist", "objection", "fulfilment"):
        assert client_for(boris).get(reverse(f"control:{name}", args=[planned.pk])).status_code == 404
    assert client_for(boris).get(reverse("control:document", args=[planned.pk, "order", "pdf"])).status_code == 404


def test_documents_by_code(client_for, erin, dora, planned, settings):
    walk(planned, erin, State.OBJECTION_WINDOW)
    for code in ("order", "protocol", "letter"):
        for fmt in ("pdf", "docx"):
            response = client_for(dora).get(reverse("control:document", args=[planned.pk, code, fmt]))
            assert response.status_code == 200
    assert client_for(erin).get(reverse("control:document", args=[planned.pk, "report", "pdf"])).status_code == 404
    assert client_for(erin).get(reverse("control:document", args=[planned.pk, "Order", "pdf"])).status_code == 404


def test_mark_and_close_through_the_pages(client_for, erin, dora, planned):
    walk(planned, erin, State.REMEDY)
    finding = planned.findings.get()
    client_for(dora).post(
        reverse("control:fulfilment", args=[planned.pk]), {f"done_{finding.pk}": "yes", f"text_{finding.pk}": "Да."}
    )
    mark = reverse("control:mark", args=[planned.pk, finding.pk])
    assert client_for(dora).post(mark, {"fulfilled": "yes"}).status_code == 403
    assert client_for(erin).post(mark, {"fulfilled": "yes"}).status_code == 302
    empty = client_for(erin).post(reverse("control:step", args=[planned.pk, "close"]), {"report_text": ""})
    assert empty.status_code == 400
    done = client_for(erin).post(reverse("control:step", args=[planned.pk, "close"]), {"report_text": "Отстранени."})
    assert done.status_code == 302
    assert Control.objects.get().state == State.CLOSED
    assert client_for(dora).get(reverse("control:document", args=[planned.pk, "report", "docx"])).status_code == 200


def test_ranking_filters(client_for, erin, centre_a, centre_b, centre_c):
    url = reverse("control:ranking")
    page = client_for(erin).get(url, {"year": 2024, "region": "Варна"}).content.decode()
    assert centre_b.licence_number in page and centre_a.licence_number not in page
    page = client_for(erin).get(url, {"year": 2024, "kind": "CIPO"}).content.decode()
    assert centre_c.licence_number in page and centre_b.licence_number not in page
    page = client_for(erin).get(url, {"year": 2024, "signal": "report_missing"}).content.decode()
    assert centre_a.licence_number in page
    page = client_for(erin).get(url, {"year": 2024, "field": "541"}).content.decode()
    assert centre_a.licence_number not in page  # no courses in that field


def test_objection_file_download_three_rungs(client, client_for, erin, dora, boris, planned):
    from control import services

    walk(planned, erin, State.OBJECTION_WINDOW)
    services.submit_objection(
        planned,
        actor=dora,
        text="Възражение.",
        files=[SimpleUploadedFile("отговор.pdf", PDF)],
        on=planned.protocol_delivered_on,
    )
    item = planned.files.get()
    url = reverse("control:file", args=[planned.pk, item.pk])
    assert _login_redirect(client.get(url))
    assert client_for(boris).get(url).status_code == 404
    for user in (dora, erin):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["X-Content-Type-Options"] == "nosniff"


def test_documents_and_steps_need_a_login_and_the_agency(client, client_for, erin, dora, planned):
    walk(planned, erin, State.ORDERED)
    document = reverse("control:document", args=[planned.pk, "order", "pdf"])
    assert _login_redirect(client.get(document))
    start = reverse("control:step", args=[planned.pk, "start"])
    assert _login_redirect(client.post(start))
    assert client_for(dora).post(start).status_code == 403
    fulfilment = reverse("control:fulfilment", args=[planned.pk])
    client.logout()
    assert _login_redirect(client.get(fulfilment))
    assert client_for(erin).get(fulfilment).status_code == 403
    assert Control.objects.get().state == State.ORDERED
