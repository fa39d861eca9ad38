from django.db import models


class PublicVersion(models.Model):
    """One row: the public version (infostory.public), held where every process reads it.

    public_changed() raises it inside the writer's transaction, so the new version
    is seen by every worker exactly when the write commits, with or without Redis.
    """

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "public version"

    def __str__(self):
        return str(self.version)
