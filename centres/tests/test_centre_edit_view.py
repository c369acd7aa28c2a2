"""The agency admin edits and adds centres in the application's own pages (issue 10, Build 8)."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from centres.forms import CentreForm
from centres.models import Centre
from centres.services import centre_values, update_centre


def form_data(centre, **changes):
    """What the edit form posts for `centre` as it is now, with `changes` typed over it."""
    values = centre_values(centre)
    data = {name: ("" if value is None else value) for name, value in values.items() if not isinstance(value, bool)}
    if values["iso_9001"]:
        data["iso_9001"] = "on"
    data["base"] = CentreForm.sign_base(values)
    data.update(changes)
    return {name: value for name, value in data.items() if value is not False}


def edit_url(centre):
    return reverse("centres:edit", args=[centre.pk])


def test_anonymous_is_sent_to_login(client, centre_a):
    for url in (edit_url(centre_a), reverse("centres:add")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["dora", "erin"])
def test_centre_users_and_experts_may_not_edit(client_for, persona, request, centre_a):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(edit_url(centre_a)).status_code == 403
    assert client.post(edit_url(centre_a), form_data(centre_a, name="Ново име")).status_code == 403
    assert client.get(reverse("centres:add")).status_code == 403
    centre_a.refresh_from_db()
    assert centre_a.name == "ЦПО „Алфа“ ЕООД"


def test_experts_see_no_edit_link(client_for, erin, centre_a):
    html = client_for(erin).get(reverse("centres:detail", args=[centre_a.pk])).content.decode()
    assert edit_url(centre_a) not in html


def test_a_centre_that_does_not_exist_answers_404(client_for, adam):
    assert client_for(adam).get(reverse("centres:edit", args=[999999])).status_code == 404


def test_the_admin_reaches_the_form_from_the_list_and_the_page(client_for, adam, centre_a):
    client = client_for(adam)
    assert edit_url(centre_a) in client.get(reverse("centres:list")).content.decode()
    assert edit_url(centre_a) in client.get(reverse("centres:detail", args=[centre_a.pk])).content.decode()
    response = client.get(edit_url(centre_a))
    assert response.status_code == 200
    assert "Редактиране на данните на центъра" in response.content.decode()
    assert 'value="ЦПО „Алфа“ ЕООД"' in response.content.decode()


def test_the_admin_saves_changes_and_the_audit_entry_names_the_changed_fields(client_for, adam, centre_a):
    data = form_data(
        centre_a, name="ЦПО „Алфа“ АД", address="ул. „Гладстон“ 12", licence_revoked_on="2025-06-30", iso_9001="on"
    )
    response = client_for(adam).post(edit_url(centre_a), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("centres:detail", args=[centre_a.pk])
    assert "Данните на центъра са запазени." in response.content.decode()
    centre_a.refresh_from_db()
    assert (centre_a.name, centre_a.address, str(centre_a.licence_revoked_on), centre_a.iso_9001) == (
        "ЦПО „Алфа“ АД",
        "ул. „Гладстон“ 12",
        "2025-06-30",
        True,
    )
    entry = AuditEntry.objects.for_object(centre_a).get(action="centre_edit")
    assert entry.actor == adam
    assert entry.changes == {
        "name": ["ЦПО „Алфа“ ЕООД", "ЦПО „Алфа“ АД"],
        "address": ["", "ул. „Гладстон“ 12"],
        "licence_revoked_on": [None, "2025-06-30"],
        "iso_9001": [False, True],
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("licence_number", "20AB12", "Номерът на лицензията е от 6 до 12 цифри."),
        ("licence_number", "200812002", "Друг център има номер на лицензия 200812002."),
        ("name", "", "Това поле е задължително."),
        ("name", "ЦПО\x00 Алфа", "Текстът съдържа управляващи знаци (например NUL)."),
        ("address", "ул. Първа\x07", "Текстът съдържа управляващи знаци (например NUL)."),
        ("email", "не-е-адрес", "Въведете валиден имейл адрес."),
        ("licensed_on", "1.3.2015x", "Въведете валидна дата."),
        ("licensed_on", "1890-01-01", "Датата трябва да е между 01.01.1990 и 31.12.2100."),
        ("licence_revoked_on", "2014-01-01", "Лицензията не може да е отнета преди да е издадена."),
        ("region", "Атлантида", "Направете валиден избор."),
    ],
)
def test_a_bad_value_is_a_field_error_and_nothing_is_saved(client_for, adam, centre_a, centre_b, field, value, message):
    response = client_for(adam).post(edit_url(centre_a), form_data(centre_a, **{field: value}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'href="#id_{field}"' in html  # the summary links to the field
    assert Centre.objects.get(pk=centre_a.pk).name == "ЦПО „Алфа“ ЕООД"
    assert not AuditEntry.objects.filter(action="centre_edit").exists()


def test_the_kind_does_not_change_once_the_centre_has_reports(client_for, adam, centre_a):
    from frameworks.models import Framework
    from reports.models import Report

    Report.objects.create(centre=centre_a, year=2024, framework=Framework.objects.get(code="CPO-2018"))
    response = client_for(adam).post(edit_url(centre_a), form_data(centre_a, kind="CIPO"))
    assert response.status_code == 400
    assert "Видът не може да се промени: центърът вече има доклади от своя вид." in response.content.decode()
    assert Centre.objects.get(pk=centre_a.pk).kind == "CPO"


def test_a_conflict_keeps_their_change_and_asks_about_the_field_both_changed(client_for, adam, centre_a):
    opened = form_data(centre_a)  # the admin opens the form …
    other = Centre.objects.get(pk=centre_a.pk)  # … meanwhile somebody else saves the name and the e-mail
    update_centre(other, actor=adam, values={"name": "ЦПО „Алфа“ ООД", "email": "office@alfa.bg"})

    posted = {**opened, "name": "ЦПО „Алфа-2“", "municipality": "Асеновград"}
    response = client_for(adam).post(edit_url(centre_a), posted)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Някой запази този център, докато го редактирахте" in html
    assert "Име: записано междувременно като „ЦПО „Алфа“ ООД“" in html
    form = response.context["form"]
    assert form["email"].value() == "office@alfa.bg"  # only they changed it: their value is kept
    assert form["municipality"].value() == "Асеновград"  # only I changed it: mine is kept
    assert Centre.objects.get(pk=centre_a.pk).municipality == "Пловдив"  # nothing saved yet

    again = {name: form[name].value() for name in form.fields}
    again = {k: ("on" if v is True else v) for k, v in again.items() if v not in (None, False)}
    response = client_for(adam).post(edit_url(centre_a), again)
    assert response.status_code == 302
    centre_a.refresh_from_db()
    assert (centre_a.name, centre_a.email, centre_a.municipality) == ("ЦПО „Алфа-2“", "office@alfa.bg", "Асеновград")


def test_a_field_only_the_other_person_changed_is_not_overwritten(client_for, adam, centre_a):
    opened = form_data(centre_a)
    update_centre(Centre.objects.get(pk=centre_a.pk), actor=adam, values={"email": "office@alfa.bg"})
    response = client_for(adam).post(edit_url(centre_a), {**opened, "address": "ул. Втора 2"})
    assert response.status_code == 302
    centre_a.refresh_from_db()
    assert (centre_a.email, centre_a.address) == ("office@alfa.bg", "ул. Втора 2")


def test_an_altered_base_is_refused(client_for, adam, centre_a):
    response = client_for(adam).post(edit_url(centre_a), form_data(centre_a, base="forged", name="Друго"))
    assert response.status_code == 400
    assert "Формулярът е остарял или е променен" in response.content.decode()


def test_the_admin_adds_a_centre(client_for, adam, centre_a):
    data = {
        "name": "ЦИПО „Ориентир“",
        "kind": "CIPO",
        "licence_number": "300112099",
        "region": "Варна",
        "municipality": "Варна",
        "licensed_on": "2020-05-04",
        "website": "www.orientir.bg",
    }
    response = client_for(adam).post(reverse("centres:add"), data)
    centre = Centre.objects.get(licence_number="300112099")
    assert response.status_code == 302 and response.url == reverse("centres:detail", args=[centre.pk])
    assert (centre.kind, centre.website, centre.iso_9001) == ("CIPO", "https://www.orientir.bg", False)
    entry = AuditEntry.objects.for_object(centre).get(action="centre_add")
    assert entry.actor == adam and entry.changes["licence_number"] == [None, "300112099"]


def test_adding_with_a_licence_already_registered_is_refused(client_for, adam, centre_a):
    data = {"name": "Друг", "kind": "CPO", "licence_number": centre_a.licence_number, "region": "Варна"}
    data["licensed_on"] = "2020-05-04"
    response = client_for(adam).post(reverse("centres:add"), data)
    assert response.status_code == 400
    assert "Друг център има номер на лицензия 200812001." in response.content.decode()
    assert Centre.objects.filter(licence_number=centre_a.licence_number).count() == 1
