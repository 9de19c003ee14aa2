"""The tree page lets go of its tree once it is sent, without waiting for a full collection."""

import gc
import weakref

import pytest
from django.urls import reverse

from okrs.objectives import tree as tree_module
from okrs.web.tests import test_tree_stream
from okrs.web.tests.test_tree_stream import body

teams_okrs = test_tree_stream.teams_okrs


@pytest.mark.usefixtures("teams_okrs")
@pytest.mark.parametrize("stream_from", [0, 10**9], ids=["streamed", "whole"])
def test_the_tree_page_frees_its_tree_once_sent(client, world, monkeypatch, stream_from):
    monkeypatch.setattr(tree_module, "STREAM_FROM", stream_from)
    client.force_login(world.admin)
    url = f"{reverse('tree')}?cycle={world.quarter.pk}"
    gc.collect()
    gc.disable()  # only reference counting frees anything from here on
    try:
        response = client.get(url)
        assert b"Win donors, wave 1" in body(response)
        assert response.context["tree"].count() == 7  # the whole tree but Support's private draft
        found = response.alignment_tree
        tree, card = weakref.ref(found), weakref.ref(next(iter(found.cards.values())))
        # Dropping the response's hold is what freeing the response does outside the test
        # client, which keeps every response in a reference cycle of its own.
        del found, response.alignment_tree
        assert tree() is None and card() is None
    finally:
        gc.enable()
