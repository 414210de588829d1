"""Dask worker plugin: each worker loads jieba and spaCy once when it joins the cluster.

The Dask counterpart of the local pool's initializer (``worker.warm_up``); kept apart
so that importing the batch engine does not import ``distributed``.
"""

from __future__ import annotations

from distributed import WorkerPlugin

from .worker import warm_up


class WarmUpPlugin(WorkerPlugin):
    name = "policykg-warm-up"

    def setup(self, worker) -> None:
        warm_up()
