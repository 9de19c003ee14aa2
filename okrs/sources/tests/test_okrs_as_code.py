"""Sources in OKRs-as-code: exported without secrets, read and checked, imported back."""

import pytest

from okrs.domain.okrfile import read_data
from okrs.domain.writing import document_to_data
from okrs.exchange.export import export_document
from okrs.exchange.importer import import_document
from okrs.sources.actions import set_source
from okrs.sources.models import Source


def test_export_writes_the_source_without_its_secrets(world, signatures):
    set_source(
        signatures,
        auth_header_value="Bearer ghp_very_secret",
        name="GitHub open bugs",
        kind="http",
        url="https://api.github.com/search/issues?q=is%3Aopen",
        path="$.total_count",
        auth_header_name="Authorization",
    )
    data = document_to_data(export_document(world.org))
    written = data["objectives"][0]["key_results"][0]["source"]
    assert written == {
        "kind": "http",
        "name": "GitHub open bugs",
        "schedule": "daily",
        "url": "https://api.github.com/search/issues?q=is%3Aopen",
        "format": "json",
        "path": "$.total_count",
    }
    assert "ghp_very_secret" not in str(data) and "Authorization" not in str(data)


def test_a_re_import_keeps_the_source_and_its_secrets(world, signatures):
    made = set_source(signatures, name="CI job", kind="push")
    document = export_document(world.org)
    import_document(read_data(document_to_data(document)))
    source = Source.objects.get(key_result=signatures)
    assert source.push_secret_hash == made.source.push_secret_hash


def test_an_imported_file_sets_a_sql_source(world, signatures):
    data = document_to_data(export_document(world.org))
    data["objectives"][0]["key_results"][0]["source"] = {
        "kind": "sql",
        "name": "Orders",
        "schedule": "hourly",
        "database": "warehouse",
        "query": "SELECT count(*) FROM orders",
    }
    import_document(read_data(data))
    source = Source.objects.get(key_result=signatures)
    assert (source.kind, source.database, source.schedule) == ("sql", "warehouse", "hourly")


@pytest.mark.parametrize(
    "source, words",
    [
        ({"kind": "http", "name": "x", "url": "ftp://x"}, "http:// or https://"),
        ({"kind": "sql", "name": "x"}, "needs a database and a query"),
        ({"kind": "push", "name": "x", "push_secret": "s"}, "push_secret"),
        ({"kind": "mail", "name": "x"}, "kind"),
    ],
)
def test_a_bad_source_in_a_file_is_a_problem_named_where(world, source, words):
    data = {
        "organization": "Acme",
        "cycles": [{"name": "Q1", "start": "2027-01-01", "end": "2027-03-31"}],
        "teams": [{"id": "growth", "name": "Growth"}],
        "objectives": [
            {
                "id": "O1",
                "title": "Grow",
                "team": "growth",
                "cycle": "Q1",
                "key_results": [{"title": "Signups", "start": 0, "target": 10, "source": source}],
            }
        ],
    }
    from okrs.domain.reading import DocumentError

    with pytest.raises(DocumentError) as raised:
        read_data(data)
    assert words in str(raised.value)
    assert "key_results" in str(raised.value)
