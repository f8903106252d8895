"""The no-network guard in conftest.py really catches a socket (so it is not vacuous)."""

from __future__ import annotations

import socket


def test_the_guard_records_an_internet_socket(no_network: list[str]) -> None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.close()
    assert no_network == [str(socket.AF_INET)]
    no_network.clear()  # this deliberate probe must not fail the test itself


def test_local_sockets_are_allowed(no_network: list[str]) -> None:
    left, right = socket.socketpair()
    left.close()
    right.close()
    assert no_network == []
