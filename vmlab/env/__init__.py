"""The host environment of process mode: system calls served by vmlab, as qemu-user or RARS do."""
from .syscalls import SyscallEnv  # noqa: F401
