"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), shared by the outbox and UI tests."""

from __future__ import annotations

from aiosmtpd.controller import Controller


class EphemeralController(Controller):
    """aiosmtpd's Controller on a port the OS picks (it has no port 0 support of its own)."""

    def __init__(self, handler, port: int = 0, **kw):
        super().__init__(handler, hostname="127.0.0.1", port=port, server_hostname="mx.test",
                         ready_timeout=5, **kw)

    def _create_server(self):
        creating = super()._create_server()

        async def bind():
            server = await creating
            self.port = server.sockets[0].getsockname()[1]
            return server

        return bind()
