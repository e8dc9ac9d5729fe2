"""The baseline for the gateway's benchmark: a bare Starlette endpoint on the same server.

It reads the body and answers 200 with a small JSON object, served by
uvicorn with the gateway's own protocol and settings, so the difference
between the two is the gateway's work: checks, the integration, the
durable commit.
"""

from __future__ import annotations

import argparse

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from integrations.gateway.protocol import GatewayProtocol


async def webhook(request: Request) -> Response:
    await request.body()
    return JSONResponse({"result": "success", "msg": ""})


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bare")
    parser.add_argument("--port", type=int, required=True)
    arguments = parser.parse_args()
    app = Starlette(routes=[Route("/api/v1/external/{name:path}", webhook, methods=["POST"])])
    uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=arguments.port, http=GatewayProtocol, lifespan="off",
            backlog=2048, access_log=False, server_header=False, log_config=None,
        )
    ).run()  # fmt: skip


if __name__ == "__main__":
    main()
