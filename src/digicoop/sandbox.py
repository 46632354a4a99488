"""What a child process may do, enforced by the kernel: no network, and no life after its parent.

:func:`seal_network` is why SERVICE cannot reach anything from a query worker. pyoxigraph's
SERVICE client is Rust code that opens its own sockets (a Python-level guard on
``socket.connect`` never sees it), and pyoxigraph offers no switch to turn it off. So the
worker installs a seccomp filter before it loads any data: the ``socket`` system call fails
with ``EACCES`` for every address family but ``AF_UNIX`` (the worker's pipe to the server is
a Unix socket pair made by the parent), and ``io_uring_setup`` fails too (io_uring can open
connections without the ``socket`` call). The filter is inherited by every thread and child
and cannot be lifted; DNS fails with it, since resolving needs a socket too.

:func:`die_with_parent` asks the kernel to SIGKILL the calling process when its parent dies
(``PR_SET_PDEATHSIG``), so a build's pool workers do not outlive a killed build and hold its
caller's pipes open.

Both are Linux-only; elsewhere they raise :class:`SandboxError` (seal) or do nothing (the
death signal, a courtesy).
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import signal
import socket
import struct
import sys

#: (audit arch, socket, io_uring_setup, seccomp) system call numbers per machine.
_SYSCALLS = {
    "x86_64": (0xC000003E, 41, 425, 317),
    "aarch64": (0xC00000B7, 198, 425, 277),
}
_PR_SET_PDEATHSIG = 1
_PR_SET_NO_NEW_PRIVS = 38
_SECCOMP_SET_MODE_FILTER = 1
_SECCOMP_FILTER_FLAG_TSYNC = 1
_X32_SYSCALL_BIT = 0x40000000
# Classic BPF opcodes: load word at absolute offset, jump if equal / >=, return.
_LD, _JEQ, _JGE, _RET = 0x20, 0x15, 0x35, 0x06
_ALLOW = 0x7FFF0000
_DENY = 0x00050000 | errno.EACCES  # SECCOMP_RET_ERRNO: the call fails, the process lives


class SandboxError(OSError):
    """The kernel would not install the restriction (or this platform has none)."""


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _filter(arch: int, nr_socket: int, nr_uring: int) -> bytes:
    """The seccomp program (offsets into ``struct seccomp_data``: nr 0, arch 4, args 16)."""
    program = [
        (_LD, 0, 0, 4),  # 0: arch
        (_JEQ, 1, 0, arch),  # 1: our ABI -> 3
        (_RET, 0, 0, _DENY),  # 2: another ABI (e.g. i386 int 0x80): refuse everything
        (_LD, 0, 0, 0),  # 3: system call number
        (_JGE, 0, 1, _X32_SYSCALL_BIT),  # 4: x32 calls -> 5, else 6
        (_RET, 0, 0, _DENY),  # 5
        (_JEQ, 0, 1, nr_uring),  # 6: io_uring_setup -> 7, else 8
        (_RET, 0, 0, _DENY),  # 7
        (_JEQ, 0, 4, nr_socket),  # 8: socket -> 9, else 13
        (_LD, 0, 0, 16),  # 9: first argument, the address family
        (_JEQ, 0, 1, socket.AF_UNIX),  # 10: AF_UNIX -> 11, else 12
        (_RET, 0, 0, _ALLOW),  # 11
        (_RET, 0, 0, _DENY),  # 12
        (_RET, 0, 0, _ALLOW),  # 13: any other call
    ]
    return b"".join(struct.pack("=HBBI", *instruction) for instruction in program)


def seal_network() -> None:
    """Make the network unreachable from this process and its threads, for good.

    Raises :class:`SandboxError` where seccomp is unavailable (not Linux, an unknown
    machine, or a kernel that refuses the filter).

    """
    numbers = _SYSCALLS.get(platform.machine())
    if not sys.platform.startswith("linux") or numbers is None:
        raise SandboxError(
            errno.ENOSYS, f"cannot isolate query workers on {sys.platform}/{platform.machine()}"
        )
    arch, nr_socket, nr_uring, nr_seccomp = numbers
    code = ctypes.create_string_buffer(_filter(arch, nr_socket, nr_uring))
    program = _Program(len(code.raw) // 8, ctypes.addressof(code))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise SandboxError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")
    flags = _SECCOMP_FILTER_FLAG_TSYNC
    if libc.syscall(nr_seccomp, _SECCOMP_SET_MODE_FILTER, flags, ctypes.byref(program)) != 0:
        raise SandboxError(ctypes.get_errno(), "seccomp filter refused by the kernel")


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when ``parent`` (the pid that started it) exits.

    Call it first thing in a child. If the parent is already gone, the child exits now
    (the death signal is only armed for the future).
    """
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)
