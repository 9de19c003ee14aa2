"""Small builders the planning tests share."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from okrs.objectives.actions import add_key_result, create_objective

# Two measurable key results: a draft the coach finds no error in.
SOUND = (
    ("Grow monthly donors from 400 to 900", 400, 900),
    ("Raise donor retention from 60 to 75", 60, 75),
)


def draft(team, title, cycle, parents=(), key_results=(), status="draft"):
    """Create a team's objective (a draft by default) with key results as (title, start, target)."""
    objective = create_objective(cycle, title, team=team, aligned_to=list(parents), status=status)
    for kr_title, start, target in key_results:
        add_key_result(objective, kr_title, start=start, target=target)
    return objective


def count_queries(client, url):
    """Return the response to a GET and the number of queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)
