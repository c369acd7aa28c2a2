import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vetquality.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (configured by the line above)

# The app server is production: it never runs on the development defaults of a bare checkout.
if settings.DEVELOPMENT_DEFAULTS:
    raise ImproperlyConfigured("The WSGI server needs DEBUG=0 and SECRET_KEY (or DEBUG=1 explicitly for a trial).")
