"""Who may log in and who may change the corpus.

`RAPPORTEUR_AUTH="alice:secret,bob:pw"` turns on Gradio's login form; `RAPPORTEUR_ADMINS="alice"`
names the users who may upload, delete and re-index documents. Everyone else can ask and draft.
Without RAPPORTEUR_AUTH the app is a single-user desk tool on 127.0.0.1 and its user may change
the corpus. With login on but no admin listed, nobody may change the corpus from the app.
`RAPPORTEUR_AUTH_FILE=/path` reads the same pairs from a file instead, one `user:password` per
line (blank lines and `#` comments skipped), so passwords may contain commas and stay out of the
process environment. Passwords are never logged or echoed back in error messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from assistant.errors import ConfigError


class AuthConfigError(ConfigError):
    """RAPPORTEUR_AUTH or RAPPORTEUR_ADMINS is malformed; the message says how to fix it."""


def parse_credentials(spec: str | None) -> list[tuple[str, str]]:
    """Parse `user:pass,user2:pass2` into (user, password) pairs; empty spec means no login.

    A password may contain ':' (only the first one separates) but not ','. The error message
    names the position of a bad entry, never its content, so a password cannot leak into logs.
    """
    if spec is None or not spec.strip():
        return []
    return _pairs(enumerate(spec.split(","), 1), "RAPPORTEUR_AUTH entry",
                  "write e.g. RAPPORTEUR_AUTH='alice:PASSWORD1,bob:PASSWORD2'")


def read_credentials_file(path: Path) -> list[tuple[str, str]]:
    """Read (user, password) pairs from a file of `user:password` lines (any characters after ':')."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AuthConfigError(f"cannot read RAPPORTEUR_AUTH_FILE {path}: {exc.__class__.__name__}; "
                              "give a readable UTF-8 file of user:password lines") from None
    entries = [(n, line) for n, line in enumerate(text.splitlines(), 1)
               if line.strip() and not line.lstrip().startswith("#")]
    if not entries:
        raise AuthConfigError(f"RAPPORTEUR_AUTH_FILE {path} holds no user:password line")
    return _pairs(entries, "RAPPORTEUR_AUTH_FILE line", "write one user:password per line")


def _pairs(entries: Iterable[tuple[int, str]], where: str, hint: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for position, entry in entries:
        entry = entry.strip()
        user, sep, password = entry.partition(":")
        user = user.strip()
        if not entry or not sep or not user or not password:
            raise AuthConfigError(f"{where} {position} is not of the form user:password; {hint}")
        if user in seen:
            raise AuthConfigError(f"{where} {position} names the user {user!r} a second time; keep one entry")
        seen.add(user)
        pairs.append((user, password))
    return pairs


def parse_admins(spec: str | None) -> set[str]:
    """Parse a comma-separated list of user names."""
    return {name.strip() for name in (spec or "").split(",") if name.strip()}


@dataclass(frozen=True)
class AccessPolicy:
    """The login list and the admins, read once from settings."""

    credentials: tuple[tuple[str, str], ...] = ()
    admins: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_settings(cls, settings: Settings) -> AccessPolicy:
        """Build the policy from RAPPORTEUR_AUTH and RAPPORTEUR_ADMINS."""
        if settings.auth and settings.auth_file:
            raise AuthConfigError("both RAPPORTEUR_AUTH and RAPPORTEUR_AUTH_FILE are set; keep one of them")
        if settings.auth_file:
            credentials = read_credentials_file(settings.auth_file)
        else:
            credentials = parse_credentials(settings.auth)
        admins = parse_admins(settings.admins)
        users = {user for user, _ in credentials}
        unknown = sorted(admins - users) if credentials else []
        if unknown:
            raise AuthConfigError(
                f"RAPPORTEUR_ADMINS names {', '.join(unknown)}, who cannot log in; "
                "add them to RAPPORTEUR_AUTH or remove them from RAPPORTEUR_ADMINS"
            )
        return cls(tuple(credentials), frozenset(admins))

    @property
    def login_required(self) -> bool:
        """True when the app shows a login form."""
        return bool(self.credentials)

    def check_password(self, username: str, password: str) -> bool:
        """Gradio's auth callback: True when the pair is on the list (constant-time compare)."""
        import hmac

        ok = False
        for user, secret in self.credentials:
            same_user = hmac.compare_digest(user.encode(), username.encode())
            same_secret = hmac.compare_digest(secret.encode(), password.encode())
            ok = ok or (same_user and same_secret)
        return ok

    def may_change_corpus(self, username: str | None) -> bool:
        """True for admins; everyone may when login is off (a single-user local app)."""
        if not self.login_required:
            return True
        return username is not None and username in self.admins

    def refusal(self, username: str | None) -> str:
        """The message a non-admin sees when trying to change the corpus."""
        who = f"'{username}'" if username else "this user"
        if not self.admins:
            return (
                f"Corpus changes are turned off: {who} is not an admin and no admin is configured "
                "(set RAPPORTEUR_ADMINS). You can still ask questions and draft documents."
            )
        return (
            f"Only corpus admins may change the corpus and {who} is not one of them. "
            "Ask an admin to add or remove documents; you can still ask questions and draft."
        )

    def __repr__(self) -> str:  # never show passwords, e.g. in a debugger or a log line
        users = ", ".join(user for user, _ in self.credentials)
        return f"AccessPolicy(users=[{users}], admins={sorted(self.admins)})"
