"""A small helper for the benchmarks: start a real IPython kernel, run code in it, send it
comm messages as a page would, and keep every iopub message it sends."""

from __future__ import annotations

import queue
import time
from dataclasses import dataclass, field

from jupyter_client.manager import KernelManager


@dataclass
class Kernel:
    """A running kernel; ``run`` sends code and waits for its reply. Every iopub message
    read is kept in ``heard`` as ``(time.monotonic() when read, message)``."""

    manager: KernelManager
    heard: list[tuple[float, dict]] = field(default_factory=list)

    @classmethod
    def start(cls, env: dict[str, str] | None = None) -> Kernel:
        km = KernelManager(kernel_name="python3")
        km.start_kernel(**({"env": env} if env is not None else {}))
        kernel = cls(km)
        kernel.client = km.client()
        kernel.client.start_channels()
        kernel.client.wait_for_ready(timeout=60)
        return kernel

    def run(self, code: str, timeout: float = 300) -> tuple[str, float]:
        """Run ``code``; return its printed output and the seconds until the reply came."""
        sent = time.perf_counter()
        msg_id = self.client.execute(code)
        reply = self.client.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.client.get_shell_msg(timeout=timeout)
        took = time.perf_counter() - sent
        out = []
        while True:
            msg = self.read(timeout)
            if msg is None:
                raise TimeoutError(f"no idle status after {code!r}")
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                raise RuntimeError("\n".join(msg["content"]["traceback"]))
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        return "".join(out), took

    def read(self, timeout: float) -> dict | None:
        """The next iopub message (kept in ``heard``), or None after ``timeout`` seconds."""
        try:
            msg = self.client.get_iopub_msg(timeout=max(0.0, timeout))
        except queue.Empty:
            return None
        self.heard.append((time.monotonic(), msg))
        return msg

    def listen(self, until: float) -> None:
        """Keep reading iopub messages until ``time.monotonic()`` reaches ``until``."""
        while (left := until - time.monotonic()) > 0:
            self.read(left)

    def send_comm(self, comm_id: str, data: dict) -> str:
        """Send a comm message to the kernel, as a page's widget does; its msg_id."""
        msg = self.client.session.msg("comm_msg", {"comm_id": comm_id, "data": data})
        self.client.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def stop(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)
