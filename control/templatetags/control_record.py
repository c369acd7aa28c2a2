"""{% load control_record %}{% centre_controls centre %}: a centre's controls and open recommendations in its
record (history, review and year pages), as the signed-in user may see them: a planned control stays the
agency's. The tag lives here so that the reports app, whose templates use it, never imports control."""

from django import template

from control.home import centre_controls as controls_of

register = template.Library()


@register.inclusion_tag("control/includes/centre_controls.html", takes_context=True)
def centre_controls(context, centre):
    request = context.get("request")
    user = getattr(request, "user", None)
    if centre is None or user is None or not user.is_authenticated:
        return {"controls": None}
    return {"controls": controls_of(centre, user)}
