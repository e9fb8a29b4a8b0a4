"""A sensor that emits hello.tick once a minute."""
import time


class ClockSensor:
    def __init__(self, dispatch):
        self._dispatch = dispatch

    def run(self, ticks: int = 1) -> None:
        for _ in range(ticks):
            self._dispatch("hello.tick", {"time": time.time()})
