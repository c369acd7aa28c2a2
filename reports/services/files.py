"""Saving a draft together with its evidence files, and adding or deleting one file.

save_with_files saves the draft (and a deletion) first and on its own, then attaches each
acceptable upload and reports the refused ones in a SaveOutcome; the file rules themselves live
in reports.evidence.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from reports import evidence, merging
from reports.services.drafts import save_draft


@dataclass
class SaveOutcome:
    kept_theirs: list = field(default_factory=list)  # anchors of fields somebody else changed meanwhile, kept
    kept_theirs_labels: list = field(default_factory=list)
    saved_files: list = field(default_factory=list)  # [Evidence]
    refused_files: dict = field(default_factory=dict)  # {criterion code or "": [messages]}
    deleted: object = None  # the Evidence deleted with this save


def save_with_files(report, *, actor, arguments, uploads=(), delete=None):
    """Save the draft, then attach each acceptable file and refuse the others, saying which.

    `arguments` are save_draft's keyword arguments; `uploads` is [(criterion, uploaded file)];
    `delete` an Evidence of the report to delete with the save. The draft (and the deletion) is
    saved first and on its own: a refused file never takes the typed text or the valid files with it.
    StaleReport and ValidationError from the draft save propagate with nothing saved.
    """
    outcome = SaveOutcome()
    acceptable = []
    for criterion, uploaded in uploads:
        try:
            evidence.validate_upload(uploaded)
        except ValidationError as exc:
            outcome.refused_files.setdefault(criterion.code, []).extend(exc.messages)
        else:
            acceptable.append((criterion, uploaded))
    with transaction.atomic():
        save_draft(report, actor=actor, **arguments)
        if delete is not None:
            evidence.delete_evidence(delete, actor=actor)
            outcome.deleted = delete
    outcome.kept_theirs = report.kept_theirs
    if outcome.kept_theirs:
        sections = {s.code: s for s in report.framework.sections.all()}
        criteria = {c.code: c for c in report.framework.criteria.all()}
        outcome.kept_theirs_labels = [merging.label_for(a, sections, criteria) for a in outcome.kept_theirs]
    for criterion, uploaded in acceptable:
        try:
            outcome.saved_files.append(evidence.add_evidence(report, criterion, uploaded, actor=actor))
        except ValidationError as exc:  # e.g. the report's limit of files reached with this one
            outcome.refused_files.setdefault(criterion.code, []).extend(exc.messages)
    return outcome


def delete_evidence(item, *, actor):
    """Delete one evidence file of an editable report (the file's own delete form)."""
    evidence.delete_evidence(item, actor=actor)
    return item


def add_evidence(report, criterion, uploaded, *, actor):
    return evidence.add_evidence(report, criterion, uploaded, actor=actor)
