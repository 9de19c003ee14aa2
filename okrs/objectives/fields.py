"""The key-result fields a person edits, declared once.

The drafting form and the page that saves it, the API's update, update_key_result, the carry-over
to the next quarter and the change log all read this list. A new field still needs its column,
its place in the form's template and the API schemas (test_key_result_fields checks them),
and, to travel in OKRs-as-code files, the document and its reader and writer.
"""

# Each field a person edits on a key result, with the name the change log gives it.
KEY_RESULT_EDITABLE = {
    "title": "title",
    "type": "type",
    "unit": "unit",
    "start": "start",
    "target": "target",
    "direction": "direction",
    "indicator": "indicator",
    "kind": "level",
    "weight": "weight",
    "balancing": "balancing",
}
