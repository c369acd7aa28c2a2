from decimal import Decimal

from django import template
from django.utils.formats import number_format

from reports.forms import points_value

register = template.Library()


@register.filter
def points(value):
    """Points as people write them: 3, 1,5, 90,5 (no trailing zeros, localised separator)."""
    if value is None or value == "":
        return "—"
    value = Decimal(str(value))
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return number_format(value)


@register.filter
def signed_points(value):
    if value is None:
        return "—"
    text = points(value)
    return f"+{text}" if value > 0 else text


@register.filter
def plain_points(value):
    """Points as the form posts them ("1.5"), for comparing in the browser."""
    return points_value(Decimal(str(value)))
