"""Bounds on model fields, declared once per model and enforced twice: by the field's validators
(forms, full_clean) and by database CheckConstraints (every other path: imports, the shell, SQL).

    @bounded(COUNT_MAX, year=(YEAR_MIN, YEAR_MAX))
    class ActivityReport(models.Model): ...

gives every positive integer field of the model the range 0…COUNT_MAX (unless named with its own
range), every DecimalField 0…its largest value, and a `<model>_<field>_bounds` constraint each.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from inputs.numbers import COUNT_MAX, decimal_max


def _range_for(field, counts, ranges):
    if field.name in ranges:
        return ranges[field.name]
    if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        return (0, counts)
    if isinstance(field, models.DecimalField):
        return (Decimal(0), decimal_max(field.max_digits, field.decimal_places))
    return None


def bounded(counts=COUNT_MAX, **ranges):
    """Class decorator: validators and CheckConstraints for the model's numeric fields (see module doc)."""

    def decorate(model):
        opts = model._meta
        for field in opts.local_fields:
            if field.primary_key or field.is_relation:
                continue
            bounds = _range_for(field, counts, ranges)
            if bounds is None:
                continue
            low, high = bounds
            field._validators = [
                *(v for v in field._validators if not isinstance(v, MinValueValidator | MaxValueValidator)),
                MinValueValidator(low),
                MaxValueValidator(high),
            ]
            field.__dict__.pop("validators", None)  # the cached union of default and own validators
            condition = models.Q(**{f"{field.name}__gte": low, f"{field.name}__lte": high})
            if field.null:
                condition |= models.Q(**{f"{field.name}__isnull": True})
            name = f"{opts.model_name}_{field.name}_bounds"
            opts.constraints = [
                *(c for c in opts.constraints if c.name != name),
                models.CheckConstraint(condition=condition, name=name),
            ]
        return model

    return decorate
