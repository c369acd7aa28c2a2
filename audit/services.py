from audit.models import AuditEntry


def record(*, actor, action, obj, centre=None, from_state="", to_state="", changes=None, message=""):
    """Write one audit entry. Call it inside the same transaction as the change it records."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        centre=centre,
        from_state=from_state or "",
        to_state=to_state or "",
        changes=changes or {},
        message=message or "",
    )


def record_read(request, kind, *, obj=None, centre=None, detail=""):
    """Record that the request's user read sensitive data (ReadRecord). Call it where the data is served."""
    from audit.models import ReadRecord

    actor = getattr(request, "user", None)
    return ReadRecord.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        kind=kind,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        centre=centre,
        detail=str(detail)[:300],
    )
