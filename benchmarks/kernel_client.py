"""A small helper for the benchmarks: start a real IPython kernel and run code in it."""

from __future__ import annotations

import time
from dataclasses import dataclass

from jupyter_client.manager import KernelManager


@dataclass
class Kernel:
    """A running kernel; ``run`` sends code and waits for its reply."""

    manager: KernelManager

    @classmethod
    def start(cls) -> Kernel:
        km = KernelManager(kernel_name="python3")
        km.start_kernel()
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
            msg = self.client.get_iopub_msg(timeout=timeout)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                raise RuntimeError("\n".join(msg["content"]["traceback"]))
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        return "".join(out), took

    def stop(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)
