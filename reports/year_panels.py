"""What other apps hold about a centre's year, shown beside its report (review page, the centre's year page).

The reports app does not import the apps that hold the activity information, the surveys or
the controls; they (or the project, which knows them all) register a provider here:

    from reports.year_panels import Panel, register_panel

    @register_panel
    def activity_panel(centre, year):
        return Panel(key="activity", title=…, template="…", url=…, state=…, complete=True, context={…})

A provider returns None when it has nothing to show for that centre and year.
"""

from dataclasses import dataclass, field

_PROVIDERS = []


@dataclass
class Panel:
    key: str  # "activity", "surveys", "controls", …
    title: str
    template: str  # rendered with `panel` in its context
    url: str = ""  # the page where the data is kept
    state: str = ""  # one line: "entered, complete", "not entered yet", …
    complete: bool | None = None  # None: nothing is required (e.g. surveys)
    next_step: str = ""  # what the centre should do next, if anything
    context: dict = field(default_factory=dict)


def register_panel(fn):
    """Add fn(centre, year) -> Panel | None; usable as a decorator. Registering twice keeps one."""
    names = [(p.__module__, p.__qualname__) for p in _PROVIDERS]
    if (fn.__module__, fn.__qualname__) in names:
        _PROVIDERS[names.index((fn.__module__, fn.__qualname__))] = fn
    else:
        _PROVIDERS.append(fn)
    return fn


def panels_for(centre, year):
    return [panel for fn in list(_PROVIDERS) if (panel := fn(centre, year)) is not None]
