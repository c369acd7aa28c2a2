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


def _declared(field, kind):
    return next((v.limit_value for v in field._validators if isinstance(v, kind)), None)


def _range_for(field, counts, ranges):
    """The field's (low, high): named in `ranges`, else its own Min/Max validators, else the kind's default."""
    if field.name in ranges:
        return ranges[field.name]
    if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField):
        default = (0, counts)
    elif isinstance(field, models.DecimalField):
        default = (Decimal(0), decimal_max(field.max_digits, field.decimal_places))
    else:
        return None
    low, high = _declared(field, MinValueValidator), _declared(field, MaxValueValidator)
    return (default[0] if low is None else low, default[1] if high is None else high)


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
        # Migrations read a model's constraints only when its Meta declared some (original_attrs).
        opts.original_attrs["constraints"] = opts.constraints
        return model

    return decorate


def field_range(field):
    """(low, high) of a model field from its Min/Max validators (None where it has none)."""
    return _declared(field, MinValueValidator), _declared(field, MaxValueValidator)
