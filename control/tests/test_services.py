"""Every transition of the control case, allowed and refused; bad input refused with nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEntry
from control import services, timers
from control.models import Answer, Control, ControlFile, Finding, State
from control.tests.conftest import answer_all, base_day, order_kwargs, walk
from inputs import samples

PDF = samples.pdf_bytes()


def test_plan_records_the_risk_version_and_score(planned):
    assert planned.state == State.PLANNED
    assert planned.risk_model.code == "RISK-2021"
    assert planned.risk_score is not None and planned.risk_rank == 1
    assert planned.checklist.code == "PK-CPO-2021"
    entry = AuditEntry.objects.for_object(planned).get()
    assert entry.action == "control_plan" and entry.changes["risk_model"] == "RISK-2021"


def test_plan_refuses_a_centre_with_an_open_control(planned, centre_a, erin):
    with pytest.raises(ValidationError):
        services.plan_controls(2024, [centre_a], actor=erin)
    assert Control.objects.count() == 1


def test_centre_user_cannot_plan(centre_a, dora):
    with pytest.raises(PermissionDenied):
        services.plan_controls(2024, [centre_a], actor=dora)


def test_order_refuses_the_same_inspector_twice(planned, erin):
    with pytest.raises(ValidationError) as exc:
        services.order_control(planned, actor=erin, **order_kwargs([erin, erin]))
    assert "inspectors" in exc.value.message_dict
    planned.refresh_from_db()
    assert planned.state == State.PLANNED and not planned.inspectors.exists()


def test_order_refuses_a_centre_user_as_inspector(planned, erin, dora):
    with pytest.raises(ValidationError) as exc:
        services.order_control(planned, actor=erin, **order_kwargs([erin, dora]))
    assert "inspectors" in exc.value.message_dict
    assert Control.objects.get().state == State.PLANNED


def test_order_refuses_dates_out_of_order(planned, erin):
    kwargs = order_kwargs([erin])
    kwargs["check_to"] = kwargs["check_from"] - dt.timedelta(days=1)
    kwargs["period_to"] = kwargs["period_from"] - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.order_control(planned, actor=erin, **kwargs)
    assert {"check_to", "period_to"} <= set(exc.value.message_dict)
    assert Control.objects.get().state == State.PLANNED


def test_on_site_visit_must_fall_within_the_check(planned, erin):
    kwargs = order_kwargs([erin])
    kwargs["on_site_to"] = kwargs["check_to"] + dt.timedelta(days=5)
    with pytest.raises(ValidationError) as exc:
        services.order_control(planned, actor=erin, **kwargs)
    assert "on_site_from" in exc.value.message_dict


def test_order_then_start(planned, erin):
    services.order_control(planned, actor=erin, **order_kwargs([erin]))
    assert planned.state == State.ORDERED and list(planned.inspectors.all()) == [erin]
    services.start_inspection(planned, actor=erin)
    assert planned.state == State.INSPECTING
    assert planned.answers.count() == planned.checklist.items.count()


def test_only_inspectors_start(planned, erin, erin2):
    services.order_control(planned, actor=erin, **order_kwargs([erin]))
    with pytest.raises(PermissionDenied):
        services.start_inspection(planned, actor=erin2)


@pytest.mark.parametrize(
    "state,step",
    [
        (State.PLANNED, "deliver"),
        (State.ORDERED, "order"),
        (State.INSPECTING, "deliver"),
        (State.PROTOCOL_ISSUED, "remedy"),
        (State.OBJECTION_WINDOW, "start"),
    ],
)
def test_steps_refused_in_the_wrong_state(planned, erin, state, step):
    walk(planned, erin, state)
    calls = {
        "start": lambda: services.start_inspection(planned, actor=erin),
        "order": lambda: services.order_control(planned, actor=erin, **order_kwargs([erin])),
        "deliver": lambda: services.record_delivery(planned, actor=erin, delivered_on=timers.today()),
        "remedy": lambda: services.open_remedy(planned, actor=erin),
    }
    with pytest.raises(services.TransitionNotAllowed):
        calls[step]()
    assert Control.objects.get().state == state


def test_checklist_conflict_saves_nothing(planned, erin):
    walk(planned, erin, State.INSPECTING)
    stale = planned.lock_version
    answer_all(planned, erin)
    code = planned.checklist.items.first().code
    with pytest.raises(services.StaleChecklist) as exc:
        services.save_checklist(
            planned, actor=erin, lock_version=stale, answers={code: {"answer": "НЕ", "comment": "x"}}
        )
    assert exc.value.conflicts[0].anchor == f"item-{code}"
    assert planned.answers.get(item__code=code).answer == Answer.YES


def test_checklist_refuses_an_answer_not_allowed(planned, erin):
    walk(planned, erin, State.INSPECTING)
    code = planned.checklist.items.first().code
    with pytest.raises(ValidationError):
        services.save_checklist(
            planned, actor=erin, lock_version=planned.lock_version, answers={code: {"answer": "МОЖЕ"}}
        )


def test_protocol_needs_comments_where_the_rules_say(planned, erin):
    walk(planned, erin, State.INSPECTING)
    items = list(planned.checklist.items.order_by("order")[:2])
    answer_all(
        planned,
        erin,
        overrides={
            items[0].code: {"answer": "НЕ", "comment": ""},
            items[1].code: {"answer": "ДА", "comment": "", "data_missing": True},
        },
    )
    with pytest.raises(ValidationError) as exc:
        services.issue_protocol(
            planned,
            actor=erin,
            check_ended_on=planned.check_to,
            protocol_on=planned.check_to,
            protocol_number="П-1",
        )
    messages = exc.value.message_dict["checklist"]
    assert len(messages) == 2
    assert Control.objects.get().state == State.INSPECTING


def test_finding_only_from_a_no_answer(planned, erin):
    walk(planned, erin, State.INSPECTING)
    answer_all(planned, erin)
    code = planned.checklist.items.first().code
    with pytest.raises(ValidationError) as exc:
        services.add_finding(
            planned,
            actor=erin,
            item_code=code,
            klass="violation",
            text="x",
            recommendation="y",
            deadline=timers.today() + dt.timedelta(days=20),
        )
    assert "item" in exc.value.message_dict
    assert not Finding.objects.exists()


def test_remedy_deadline_outside_one_to_three_months_refused(planned, erin):
    walk(planned, erin, State.INSPECTING)
    first = planned.checklist.items.order_by("order").first().code
    answer_all(planned, erin, overrides={first: {"answer": "НЕ", "comment": "липсва"}})
    services.add_finding(
        planned,
        actor=erin,
        item_code=first,
        klass="irregularity",
        text="x",
        recommendation="y",
        deadline=timers.today() + dt.timedelta(days=10),
    )
    protocol_on = base_day() + dt.timedelta(days=14)
    for deadline in (protocol_on + dt.timedelta(days=20), timers.add_months(protocol_on, 4)):
        with pytest.raises(ValidationError) as exc:
            services.issue_protocol(
                planned,
                actor=erin,
                check_ended_on=base_day() + dt.timedelta(days=10),
                protocol_on=protocol_on,
                protocol_number="П-1",
                remedy_deadline=deadline,
            )
        assert "remedy_deadline" in exc.value.message_dict
    assert Control.objects.get().state == State.INSPECTING


def test_full_flow_with_objection_fulfilment_and_close(planned, erin, dora):
    walk(planned, erin, State.OBJECTION_WINDOW)
    delivered = planned.protocol_delivered_on
    services.submit_objection(
        planned,
        actor=dora,
        text="Не сме съгласни с констатацията.",
        files=[SimpleUploadedFile("становище.pdf", PDF)],
        on=delivered + dt.timedelta(days=3),
    )
    assert ControlFile.objects.filter(purpose="objection").count() == 1
    services.open_remedy(planned, actor=erin)
    finding = planned.findings.get()
    services.submit_fulfilment(
        planned, actor=dora, entries={finding.pk: {"done": True, "text": "Правилникът е обновен."}}
    )
    services.mark_recommendation(finding, actor=erin, fulfilled=True)
    assert services.allowed_actions(planned, erin) == ["mark", "close", "cancel"]
    services.close_control(planned, actor=erin, report_text="Нередовностите са отстранени в срок.")
    assert planned.state == State.CLOSED and planned.conclusion == "removed"
    actions = list(AuditEntry.objects.for_object(planned).order_by("at", "id").values_list("action", flat=True))
    assert actions[0] == "control_plan" and actions[-1] == "control_close"
    assert "control_objection" in actions and "control_fulfilment" in actions


def test_objection_after_the_window_refused(planned, erin, dora):
    walk(planned, erin, State.OBJECTION_WINDOW)
    due = timers.objection_due(planned.protocol_delivered_on)
    with pytest.raises(ValidationError) as exc:
        services.submit_objection(planned, actor=dora, text="Късно.", on=due + dt.timedelta(days=1))
    assert "text" in exc.value.message_dict
    assert not hasattr(Control.objects.get(), "objection")


def test_viewer_and_other_centre_cannot_object(planned, erin, vicky, boris):
    walk(planned, erin, State.OBJECTION_WINDOW)
    for user in (vicky, boris):
        with pytest.raises(PermissionDenied):
            services.submit_objection(planned, actor=user, text="x", on=planned.protocol_delivered_on)


def test_second_objection_refused(planned, erin, dora):
    walk(planned, erin, State.OBJECTION_WINDOW)
    on = planned.protocol_delivered_on
    services.submit_objection(planned, actor=dora, text="Първо.", on=on)
    with pytest.raises(ValidationError):
        services.submit_objection(planned, actor=dora, text="Второ.", on=on)


def test_objection_file_of_the_wrong_type_refused(planned, erin, dora):
    walk(planned, erin, State.OBJECTION_WINDOW)
    with pytest.raises(ValidationError) as exc:
        services.submit_objection(
            planned,
            actor=dora,
            text="x",
            files=[SimpleUploadedFile("a.pdf", b"MZ not a pdf")],
            on=planned.protocol_delivered_on,
        )
    assert "files" in exc.value.message_dict
    assert not ControlFile.objects.exists()


def test_second_fulfilment_report_refused(planned, erin, dora):
    walk(planned, erin, State.REMEDY)
    finding = planned.findings.get()
    entries = {finding.pk: {"done": True, "text": "Готово."}}
    services.submit_fulfilment(planned, actor=dora, entries=entries)
    with pytest.raises(ValidationError):
        services.submit_fulfilment(planned, actor=dora, entries=entries)


def test_fulfilment_after_the_remedy_deadline_refused(planned, erin, dora):
    walk(planned, erin, State.REMEDY)
    finding = planned.findings.get()
    with pytest.raises(ValidationError):
        services.submit_fulfilment(
            planned,
            actor=dora,
            entries={finding.pk: {"done": True, "text": "Готово."}},
            on=planned.remedy_deadline + dt.timedelta(days=1),
        )


def test_escalate_when_not_fulfilled(planned, erin, dora):
    walk(planned, erin, State.REMEDY)
    finding = planned.findings.get()
    with pytest.raises(services.TransitionNotAllowed):
        services.close_control(planned, actor=erin, report_text="x")
    services.mark_recommendation(finding, actor=erin, fulfilled=False)
    assert "escalate" in services.allowed_actions(planned, erin)
    services.escalate_control(planned, actor=erin, conclusion="temporary", report_text="Не са отстранени.")
    assert planned.state == State.ESCALATED


def test_close_without_findings_after_the_window(planned, erin):
    walk(planned, erin, State.OBJECTION_WINDOW, findings=False)
    with pytest.raises(services.TransitionNotAllowed):
        services.open_remedy(planned, actor=erin)
    services.close_control(planned, actor=erin, report_text="Без констатации.")
    assert planned.state == State.CLOSED


@pytest.mark.parametrize(
    "state", [State.PLANNED, State.ORDERED, State.INSPECTING, State.PROTOCOL_ISSUED, State.OBJECTION_WINDOW]
)
def test_cancel_from_any_open_step_with_a_reason(planned, erin, state):
    walk(planned, erin, state)
    with pytest.raises(ValidationError):
        services.cancel_control(planned, actor=erin, reason="  ")
    services.cancel_control(planned, actor=erin, reason="Центърът е заличен.")
    assert planned.state == State.CANCELLED
    with pytest.raises(services.TransitionNotAllowed):
        services.cancel_control(planned, actor=erin, reason="отново")


def test_buttons_follow_the_state(planned, erin, dora):
    assert services.allowed_actions(planned, erin) == ["order", "cancel"]
    assert services.allowed_actions(planned, dora) == []
    walk(planned, erin, State.INSPECTING)
    assert services.allowed_actions(planned, erin) == ["checklist", "protocol", "cancel"]
