"""Signals other apps listen to, so reports never imports them.

`reports_created_in_bulk` is sent after reports.bulk wrote a batch of submitted reports and their audit
entries with bulk_create, which sends no post_save: the public cache and the analysis' chart drawing
would otherwise miss an import. Arguments: year, action (the audit action), count.
"""

from django.dispatch import Signal

reports_created_in_bulk = Signal()
