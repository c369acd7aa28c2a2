"""A version of the register that moves with every change to a centre, for caches of what it shows.

The API's centres list keeps its encoded pages under this version, so a page is never served after
the centre on it changed. Every change passes here: a saved or deleted centre (signals below), and the
register import and the demo seed, which write in bulk and bump it themselves. The bump waits for the
commit, so a page rebuilt meanwhile cannot be kept under the new version with the old rows.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from centres.models import Centre

KEY = "centres-registry-version"


def current():
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, uuid.uuid4().hex, None)
        version = cache.get(KEY)
    return version


def bump():
    transaction.on_commit(lambda: cache.set(KEY, uuid.uuid4().hex, None))


@receiver(post_save, sender=Centre, dispatch_uid="centres-registry-version-save")
@receiver(post_delete, sender=Centre, dispatch_uid="centres-registry-version-delete")
def bump_on_change(sender, **kwargs):
    bump()
