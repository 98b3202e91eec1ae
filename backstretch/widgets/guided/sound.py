"""Short generated beeps (WAV bytes) for step changes; no sound files shipped."""

from __future__ import annotations

import io
import math
import struct
import wave

RATE = 22050
TONES = {"go": (880.0,), "switch": (660.0, 880.0), "rest": (440.0,),
         "finished": (523.0, 659.0, 784.0)}


def beep(kind: str = "go", variant: int = 0) -> bytes:
    """A WAV of one to three short tones; ``variant`` pads a sample so repeats differ."""
    samples: list[int] = []
    for freq in TONES[kind]:
        n = int(RATE * 0.14)
        for i in range(n):
            fade = min(1.0, i / 200, (n - i) / 200)
            samples.append(int(12000 * fade * math.sin(2 * math.pi * freq * i / RATE)))
        samples.extend([0] * int(RATE * 0.04))
    samples.extend([0] * (variant % 2))
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return buf.getvalue()
