"""What the handlers share: the worker pool, the store's facts, the query library, the cache.

Built once by ``create_app`` and reached by ``Depends(get_engine)``; there is no
module-level state.
"""

from __future__ import annotations

from dataclasses import dataclass

import anyio.to_thread
from fastapi import Request

from digicoop import store as engine
from digicoop.api.cache import AnswerCache
from digicoop.api.errors import ApiError
from digicoop.api.pool import Job, QueryTimeoutError, StoreInfo, WorkerFailedError, WorkerPool
from digicoop.api.settings import Settings
from digicoop.querylib import NamedQuery


@dataclass
class Engine:
    """The running endpoint's shared parts."""

    settings: Settings
    pool: WorkerPool
    info: StoreInfo
    library: dict[str, NamedQuery]
    cache: AnswerCache

    async def run(self, job: Job) -> engine.Outcome:
        """Run ``job`` in a worker without blocking the event loop; store errors → ApiError."""
        try:
            return await anyio.to_thread.run_sync(self.pool.execute, job)
        except engine.QuerySyntaxError as error:
            raise ApiError(
                400, "query-syntax", str(error), line=error.line, column=error.column
            ) from None
        except engine.InvalidIriError as error:
            raise ApiError(400, "bad-graph-iri", str(error)) from None
        except engine.NotAcceptableError as error:
            raise ApiError(406, "not-acceptable", str(error)) from None
        except engine.ResultTooLargeError as error:
            raise ApiError(422, "result-too-large", str(error)) from None
        except QueryTimeoutError as error:
            raise ApiError(503, "timeout", str(error)) from None
        except WorkerFailedError as error:
            raise ApiError(503, "worker-failed", str(error)) from None
        except engine.StoreError as error:
            raise ApiError(400, "query-failed", str(error)) from None


def get_engine(request: Request) -> Engine:
    """The app's engine (a dependency)."""
    found: Engine = request.app.state.engine
    return found
