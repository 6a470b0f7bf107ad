"""The protocol every backend implements.

A backend executes the Machine's state; it owns only caches (decoded instructions, translated
blocks). ``run(budget)`` executes at most `budget` instructions and returns a StopReason, or
None when the budget ran out; before returning (and before any helper that can observe state:
CSR, trap, device, hook) it writes everything back to ``machine.state``.
"""
from __future__ import annotations


class Backend:
    name = "?"

    def __init__(self, machine):
        self.m = machine

    def run(self, budget: int):
        raise NotImplementedError

    def invalidate(self, addr: int, size: int) -> None:
        """Memory [addr, addr+size) changed: drop what was decoded or translated from it."""

    def invalidate_all(self) -> None:
        """Drop every cache (fence.i, program load, restore)."""

    def detach(self) -> None:
        """The machine switches to another backend: drop caches, unhook from the bus."""
        self.invalidate_all()

    @classmethod
    def unavailable_reason(cls) -> str | None:
        return None
