"""A loopback proxy whose `blip()` cuts the client's side only: the server's side stays open and silent.

What a network blip towards one relay looks like: the agent sees its link drop at once, while the relay
still holds a connection that simply stops answering (until its keepalives give up).
"""

from __future__ import annotations

import asyncio
import contextlib

from tests.netproxy import Ends, LoopbackProxy


class BlipProxy(LoopbackProxy):
    def __init__(self, port: int) -> None:
        super().__init__(port)
        self._blipped = asyncio.Event()

    async def blip(self, *, refuse_new: bool = True) -> None:
        """Cut every carried connection on the client's side; with *refuse_new*, stop listening too."""
        if refuse_new and self._server is not None:
            self._server.close()
        blipped, self._blipped = self._blipped, asyncio.Event()  # connections made later carry on
        blipped.set()
        await asyncio.sleep(0.1)

    async def _carry(self, client: Ends, server: Ends) -> None:
        pumps = asyncio.ensure_future(super()._carry(client, server))
        blipped = asyncio.ensure_future(self._blipped.wait())  # the blip of the connections open now
        await asyncio.wait([pumps, blipped], return_when=asyncio.FIRST_COMPLETED)
        if not blipped.done():  # ended on its own
            blipped.cancel()
            return
        pumps.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await pumps
        client[1].transport.abort()  # the client sees its link drop
        with contextlib.suppress(asyncio.CancelledError):  # closing the proxy ends it, quietly
            await asyncio.Event().wait()  # the server's side stays open, silent, until then
