from django.contrib.auth.hashers import MD5PasswordHasher


class CountingHasher(MD5PasswordHasher):
    """MD5 (fast, as in the other tests) that counts every hash it computes."""

    computed = 0

    def encode(self, password, salt):
        type(self).computed += 1
        return super().encode(password, salt)
