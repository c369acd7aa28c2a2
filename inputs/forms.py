"""Web forms at the boundary: one mixin gives every form the input rules of `inputs`.

- text fields refuse NUL and control characters (line breaks only in multi-line fields);
- integer fields get the model's bounds (or the database integer's), so 2**63 is a field error;
- decimal fields accept what people type in Bulgarian ("12,50", "1 234,5") and show a decimal comma,
  and refuse NaN, Infinity and exponents beyond the field's digits.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from formatting.numbers import format_number
from inputs.errors import InputRefused
from inputs.numbers import INTEGER_MAX, _number
from inputs.text import NoControlCharacters


class DecimalCommaInput(forms.TextInput):
    """A text input (a number input would refuse a decimal comma) that shows decimals with a comma."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value  # what the person typed, shown back as typed
        return format_number(value, lang="bg", grouping=False)


def _decimal_to_python(field, value):
    if value in field.empty_values:
        return None
    try:
        return _number(value)
    except InputRefused:
        raise forms.ValidationError(_("Enter a number."), code="invalid") from None


def _integer_to_python(field, original, value):
    if isinstance(value, str) and len(value.strip()) > 40:
        raise forms.ValidationError(_("Enter a whole number."), code="invalid")
    return original(value)


class BoundedInputsMixin:
    """Mix into a Form or ModelForm before forms.Form / forms.ModelForm (every form of the project has it).

    The rules are applied when the form is built and again before it is cleaned, so fields a subclass
    adds after `super().__init__()` (one per criterion, question or centre) are bounded too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._apply_input_rules()

    def full_clean(self):
        self._apply_input_rules()
        super().full_clean()

    def _apply_input_rules(self):
        for field in self.fields.values():
            apply_input_rules(field)


def _is_multiline(field):
    """Line breaks are text in a textarea, or where the field says so (a textarea drawn by the template)."""
    multiline = getattr(field, "multiline", None)
    return isinstance(field.widget, forms.Textarea) if multiline is None else multiline


def apply_input_rules(field):
    """Give one form field the rules of `inputs` (once: a field may be shared or checked again)."""
    if getattr(field, "_input_rules", False):
        return field
    field._input_rules = True
    if isinstance(field, forms.CharField) and not isinstance(field, forms.FileField):
        multiline = _is_multiline(field)
        if not any(isinstance(v, NoControlCharacters) for v in field.validators):
            field.validators.append(NoControlCharacters(multiline=multiline))
    elif isinstance(field, forms.DecimalField):
        field.to_python = lambda value, field=field: _decimal_to_python(field, value)
        attrs = {k: v for k, v in field.widget.attrs.items() if k not in ("step", "min", "max")}
        field.widget = DecimalCommaInput(attrs)
        if field.max_value is None and field.max_digits is not None:
            from inputs.numbers import decimal_max

            field.max_value = decimal_max(field.max_digits, field.decimal_places or 0)
            field.validators.append(MaxValueValidator(field.max_value))
    elif isinstance(field, forms.IntegerField):
        original = field.to_python
        field.to_python = lambda value, original=original, field=field: _integer_to_python(field, original, value)
        if field.max_value is None:
            field.max_value = INTEGER_MAX
            field.validators.append(MaxValueValidator(INTEGER_MAX))
            field.widget.attrs.setdefault("max", str(INTEGER_MAX))
        if field.min_value is None:
            field.min_value = -INTEGER_MAX
            field.validators.append(MinValueValidator(-INTEGER_MAX))
    return field
