"""What sources announce to the apps above them: a source that keeps failing."""

from django.dispatch import Signal

# Sent with `source` and `text` once a source has failed three times in a row; the reminders app
# posts the text to the organisation's chat webhook.
source_failing = Signal()
