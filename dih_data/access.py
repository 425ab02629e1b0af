"""Who may change data: an editor password kept only as a salted scrypt hash in the data folder.

Viewing needs nothing. With no password set (and no OIDC login configured in the app), the app is
read-only and says how to enable editing: ``python -m dih_data set-editor-password``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from pathlib import Path

from . import config

SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_LENGTH = 10


def password_file() -> Path:
    return Path(config.data_dir()) / "editor_password.scrypt"


def _hash(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **SCRYPT)


def set_password(password: str, path: Path | None = None) -> Path:
    """Store a new salted hash (the password itself is never written); returns the file."""
    if len(password) < MIN_LENGTH:
        raise ValueError(f"Use at least {MIN_LENGTH} characters.")
    path = path or password_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = os.urandom(16)
    path.write_text(f"scrypt${base64.b64encode(salt).decode()}${base64.b64encode(_hash(password, salt)).decode()}\n",
                    encoding="ascii")
    path.chmod(0o600)
    return path


def password_is_set(path: Path | None = None) -> bool:
    return (path or password_file()).exists()


def check_password(password: str, path: Path | None = None) -> bool:
    """True only for the stored password (constant-time comparison); False when none is set."""
    path = path or password_file()
    if not path.exists() or not password:
        return False
    scheme, salt, digest = path.read_text(encoding="ascii").strip().split("$")
    if scheme != "scrypt":
        return False
    return hmac.compare_digest(_hash(password, base64.b64decode(salt)), base64.b64decode(digest))
