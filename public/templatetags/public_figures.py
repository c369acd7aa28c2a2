"""{% load public_figures %} {{ figure|fig:"pct" }}: a public figure, or why it is not shown."""

from django import template
from django.utils.html import format_html

from formatting.numbers import format_number, format_percent, format_points
from public.rules import Shown

register = template.Library()

FORMATS = {
    "pct": lambda v: format_percent(v, 1),
    "pts": lambda v: format_points(v, 2),
    "num": lambda v: format_number(v, 2),
    "int": lambda v: format_number(v, 0),
}


@register.filter
def fig(figure, kind="num"):
    if figure is None:
        return "–"
    if not isinstance(figure, Shown):
        return FORMATS[kind](figure)
    if figure.shown:
        return FORMATS[kind](figure.value)
    return format_html('<span class="reason">{}</span>', figure.reason)


@register.filter
def value_or_dash(value, kind="num"):
    return "–" if value is None else FORMATS[kind](value)


@register.simple_tag(takes_context=True)
def switch_language(context, code):
    request = context["request"]
    from django.urls import reverse
    from django.utils.http import urlencode

    return reverse("public:language", args=[code]) + "?" + urlencode({"next": request.get_full_path()})


@register.filter
def get(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
