"""Number filters: {% load numbers %} {{ v|num:2 }} {{ share|pct }} {{ points|pts }} {{ bytes|size }}."""

from django import template

from formatting.numbers import format_number, format_percent, format_points, format_size

register = template.Library()


@register.filter
def num(value, places=None):
    return format_number(value, None if places in (None, "") else int(places))


@register.filter
def pct(value, places=2):
    return format_percent(value, int(places))


@register.filter
def pts(value, places=None):
    return format_points(value, None if places in (None, "") else int(places))


@register.filter
def size(value):
    return format_size(value)
