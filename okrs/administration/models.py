"""What the administration keeps between two steps of a task."""

from django.db import models

from okrs import clock
from okrs.organizations.models import Person, TenantModel


class PeopleImport(TenantModel):
    """An org chart file an admin uploaded and previewed, kept until applied (a day at most)."""

    uploaded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=clock.now)
    file_name = models.CharField(max_length=200)
    content = models.BinaryField()
    deactivate_missing = models.BooleanField(
        default=False, help_text="Deactivate the active people the file does not list."
    )

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.file_name
