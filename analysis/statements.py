"""The figures' GROUP BY queries, written by the ORM once per process and shape, run with each call's values.

Compiling a grouped queryset (filters, joins, aggregates, converters) cost as much as running it on
a small year's rows: the national figures run a dozen of them per call, and compiling them was most
of a small year's figures. The ORM still writes every statement — once, with stand-in values that
no real year, kind or region has — and every call binds its own values and passes the rows through
the ORM's own converters, so the results are exactly the queryset's.

`shape` is everything that changes the SQL besides the bound values (a region or none, the
counting rule, the function that picks the counted versions): each shape is compiled on its own.
"""

import datetime as dt
import functools
import inspect

from django.db import connections, router

# Stand-ins within each field's range (out of range, the ORM would compile "no rows" instead).
SENTINELS = {
    "year": 31_987,
    "kind": "\u2063kind",
    "region": "\u2063region",
    "end": dt.date(2998, 12, 31),
    "previous_end": dt.date(2997, 12, 31),
}
_DATES = {name for name, value in SENTINELS.items() if isinstance(value, dt.date)}


def _names(connection):
    """{compiled parameter: stand-in's name}: a date is compiled as the database adapts it."""
    names = {value: name for name, value in SENTINELS.items()}
    names.update({connection.ops.adapt_datefield_value(SENTINELS[name]): name for name in _DATES})
    return names


def _name_of(names, param):
    try:
        return names.get(param)
    except TypeError:  # an unhashable constant (a list): never a stand-in
        return None


@functools.cache
def _compiled(alias, build, shape):
    wanted = inspect.signature(build).parameters
    queryset = build(shape, **{name: value for name, value in SENTINELS.items() if name in wanted})
    compiler = queryset.query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    names = _names(compiler.connection)
    order = [(_name_of(names, p), p) for p in params]
    fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
    return sql, order, compiler.get_converters(fields)


def _bound(connection, name, value):
    # As the ORM binds it: dates adapted by the backend (a string on SQLite).
    return connection.ops.adapt_datefield_value(value) if name in _DATES else value


def rows(model, build, shape, **values):
    """The rows (tuples, in the queryset's column order) of `build(shape, **stand-ins)` run with `values`.

    `build` is a module-level function returning a values()/values_list() queryset of `model`
    (named here so that choosing the database builds no queryset)."""
    alias = router.db_for_read(model)
    sql, order, converters = _compiled(alias, build, shape)
    connection = connections[alias]
    params = [_bound(connection, name, values[name]) if name else constant for name, constant in order]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        result = cursor.fetchall()
    if not converters:
        return result
    converted = []
    for row in result:
        row = list(row)
        for position, (functions, expression) in converters.items():
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        converted.append(tuple(row))
    return converted
