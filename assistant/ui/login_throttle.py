"""Slows down password guessing: failed logins are counted per user name and per client address.

After RAPPORTEUR_LOGIN_MAX_FAILURES failures for one user name (or
RAPPORTEUR_LOGIN_MAX_FAILURES_PER_ADDRESS from one address), further logins for that name (or
from that address) are refused for RAPPORTEUR_LOGIN_LOCKOUT_S seconds, without checking the
password; every further failure doubles the wait, up to an hour. A successful login clears its
user name's count. A count is forgotten after 15 quiet minutes. The state is kept in memory:
a restart clears it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

FORGET_AFTER_S = 15 * 60
MAX_LOCK_S = 3600
MAX_TRACKED = 10_000  # keys kept at most; the stalest are dropped first


@dataclass
class _Count:
    failures: int = 0
    last: float = 0.0


@dataclass
class LoginThrottle:
    """Failure counts and lock times for user names and client addresses."""

    max_per_user: int = 5
    max_per_address: int = 20
    lockout_s: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _counts: dict[str, _Count] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def retry_after(self, user: str, address: str) -> int:
        """Seconds until a login for this user from this address may be tried again (0: now)."""
        now = self.clock()
        with self._lock:
            waits = [self._wait(f"user:{user}", self.max_per_user, now),
                     self._wait(f"address:{address}", self.max_per_address, now)]
        wait = max(waits)
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, user: str, address: str) -> None:
        """Count one failed login."""
        now = self.clock()
        with self._lock:
            for key, allowed in ((f"user:{user}", self.max_per_user),
                                 (f"address:{address}", self.max_per_address)):
                count = self._fresh(key, allowed, now)
                count.failures += 1
                count.last = now
            if len(self._counts) > MAX_TRACKED:
                for key, _ in sorted(self._counts.items(), key=lambda kv: kv[1].last)[: MAX_TRACKED // 10]:
                    del self._counts[key]

    def succeeded(self, user: str) -> None:
        """Clear the user name's count after a successful login."""
        with self._lock:
            self._counts.pop(f"user:{user}", None)

    def _fresh(self, key: str, allowed: int, now: float) -> _Count:
        count = self._counts.setdefault(key, _Count())
        if count.failures and now - count.last > max(FORGET_AFTER_S, self._lock_for(count.failures, allowed)):
            count.failures = 0
        return count

    def _lock_for(self, failures: int, allowed: int) -> float:
        over = failures - allowed
        return 0.0 if over < 0 else min(MAX_LOCK_S, self.lockout_s * 2 ** min(over, 20))

    def _wait(self, key: str, allowed: int, now: float) -> float:
        count = self._counts.get(key)
        if count is None or count.failures < allowed:
            return 0.0
        return max(0.0, count.last + self._lock_for(count.failures, allowed) - now)
