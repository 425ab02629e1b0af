"""Who may change data: an editor password kept only as a salted scrypt hash in the data folder.

Viewing needs nothing. With no password set (and no OIDC login configured in the app), the app is
read-only and says how to enable editing: ``python -m dih_data set-editor-password``.

Guessing is slowed down: after ``SESSION_FREE_TRIES`` wrong passwords in one browser session, and after
``OVERALL_FREE_TRIES`` wrong passwords over all sessions of the server, the next try is refused (without
hashing anything) until a delay has passed — 1 s, then 2, 4, 8 … doubling with every further wrong
password, at most ``MAX_DELAY`` s. A right password clears both counts.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import config

SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_LENGTH = 10
SESSION_FREE_TRIES = 3
OVERALL_FREE_TRIES = 10
MAX_DELAY = 300.0  # seconds
PASSWORD_FILE_ENV = "DIH_EDITOR_PASSWORD_FILE"


class BrokenPasswordFile(ValueError):
    """The hash file exists but is not one ``set_password`` wrote; nobody can sign in until it is set again."""


def now() -> float:
    """The throttle's clock (tests replace it, so no test sleeps)."""
    return time.monotonic()


@dataclass
class Throttle:
    """Wrong passwords counted; past ``free_tries`` each one sets a growing delay before the next try."""

    free_tries: int
    failures: int = 0
    not_before: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def seconds_left(self) -> float:
        return max(0.0, self.not_before - now())

    def failed(self) -> None:
        with self.lock:
            self.failures += 1
            over = self.failures - self.free_tries
            self.not_before = now() + (min(MAX_DELAY, 2.0 ** (over - 1)) if over > 0 else 0.0)

    def succeeded(self) -> None:
        with self.lock:
            self.failures, self.not_before = 0, 0.0


OVERALL = Throttle(OVERALL_FREE_TRIES)
"""Every session of this server process together (in a deployment of N processes, each counts its own)."""


@dataclass(frozen=True)
class Attempt:
    ok: bool
    wait: float = 0.0  # > 0: refused unchecked, try again after this many seconds


def try_password(password: str, session: Throttle, path: Path | None = None) -> Attempt:
    """Check ``password`` unless this session or the server must still wait; count the outcome in both.

    Raises BrokenPasswordFile when the hash file is damaged.
    """
    wait = max(session.seconds_left(), OVERALL.seconds_left())
    if wait > 0:
        return Attempt(False, wait)
    ok = check_password(password, path)
    for throttle in (session, OVERALL):
        if ok:
            throttle.succeeded()
        else:
            throttle.failed()
    return Attempt(ok)


def password_file() -> Path:
    """``DIH_EDITOR_PASSWORD_FILE``, else ``editor_password.scrypt`` in the data folder. Every process of a
    shared deployment reads this one file (``python -m deploy`` gives them one data folder; on several
    machines, point the setting at the same file everywhere — see README, "Shared deployment")."""
    if os.environ.get(PASSWORD_FILE_ENV):
        return Path(os.environ[PASSWORD_FILE_ENV])
    return Path(config.data_dir()) / "editor_password.scrypt"


def _hash(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **SCRYPT)


def set_password(password: str, path: Path | None = None) -> Path:
    """Store a new salted hash (the password itself is never written); returns the file.

    The hash is written to a temporary file created 0600 and renamed over the old one, so the file is
    never readable by others, not even for a moment, and never half-written.
    """
    if len(password) < MIN_LENGTH:
        raise ValueError(f"Use at least {MIN_LENGTH} characters.")
    path = path or password_file()
    make_private_dir(path.parent)
    salt = os.urandom(16)
    line = f"scrypt${base64.b64encode(salt).decode()}${base64.b64encode(_hash(password, salt)).decode()}\n"
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) readable only by the owner; an existing folder is left as it is."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        folder.chmod(0o700)  # mkdir's mode is reduced by the umask


def password_is_set(path: Path | None = None) -> bool:
    return (path or password_file()).exists()


def check_password(password: str, path: Path | None = None) -> bool:
    """True only for the stored password (constant-time comparison); False when none is set.

    Raises BrokenPasswordFile when the file is not a hash this module wrote.
    """
    path = path or password_file()
    if not path.exists() or not password:
        return False
    try:
        scheme, salt, digest = path.read_text(encoding="ascii").strip().split("$")
        if scheme != "scrypt":
            raise ValueError(scheme)
        salt, digest = base64.b64decode(salt, validate=True), base64.b64decode(digest, validate=True)
        if not salt or len(digest) != 32:
            raise ValueError("length")
    except (ValueError, UnicodeDecodeError, binascii.Error) as error:
        raise BrokenPasswordFile(
            f"The editor password file {path} is damaged. Set the password again: "
            "python -m dih_data set-editor-password") from error
    return hmac.compare_digest(_hash(password, salt), digest)
