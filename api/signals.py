"""A change to a user drops the cached copies of the user's API tokens (api.services.authenticate caches them)."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from api.models import ApiToken
from api.services import forget_token


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
@receiver(post_delete, sender=settings.AUTH_USER_MODEL)
def forget_the_users_tokens(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # every log-in saves last_login, which no token depends on
    for token in ApiToken.objects.filter(user_id=instance.pk).only("key_hash"):
        forget_token(token)


@receiver(post_save, sender=ApiToken)
@receiver(post_delete, sender=ApiToken)
def forget_a_changed_token(sender, instance, **kwargs):
    forget_token(instance)
