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
