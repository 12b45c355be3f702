"""Who may write: users with scrypt-hashed passwords, API tokens (scrypt-hashed, shown once),
login sessions (a random cookie, stored as its SHA-256) with a CSRF token checked by double
submit: a POST with a session cookie must carry the same token in the X-CSRF-Token header (or
a csrf_token form field) as in the rasd_csrf cookie and the session. Bearer-token requests carry
no ambient credentials and are exempt."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta, timezone

from fastapi import HTTPException, Request
from sqlalchemy import select

from ..store import schema as s

SESSION_COOKIE = "rasd_session"
CSRF_COOKIE = "rasd_csrf"
CSRF_HEADER = "X-CSRF-Token"
SESSION_DAYS = 7
_N, _R, _P = 2 ** 14, 8, 1


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    h = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b = lambda x: base64.b64encode(x).decode()  # noqa: E731
    return f"scrypt${_N}${_R}${_P}${b(salt)}${b(h)}"


def verify_secret(secret: str, stored: str | None) -> bool:
    try:
        kind, n, r, p, salt, h = (stored or "").split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(secret.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(base64.b64decode(h)))
        return hmac.compare_digest(got, base64.b64decode(h))
    except (ValueError, TypeError):
        return False


def add_user(conn, name: str, password: str) -> int:
    name = name.strip()
    if not name or len(name) > 128:
        raise ValueError("a user name is 1-128 characters")
    if len(password) < 8:
        raise ValueError("a password has at least 8 characters")
    if conn.execute(select(s.users.c.id).where(s.users.c.name == name)).first():
        raise ValueError(f"user {name} exists")
    return conn.execute(s.users.insert().values(name=name, password_hash=hash_secret(password),
                                                created=_now())).inserted_primary_key[0]


def create_token(conn, name: str) -> str:
    """A new API token for user `name`; only its hash is stored, so this is the one time it is seen."""
    uid = conn.execute(select(s.users.c.id).where(s.users.c.name == name)).scalar()
    if uid is None:
        raise LookupError(f"no user {name}")
    secret = secrets.token_urlsafe(32)
    tid = conn.execute(s.api_tokens.insert().values(user_id=uid, token_hash=hash_secret(secret),
                                                    created=_now())).inserted_primary_key[0]
    return f"rasd_{tid}_{secret}"


def token_user(conn, token: str) -> str | None:
    """The user an API token belongs to, or None."""
    try:
        prefix, tid, secret = token.split("_", 2)
        tid = int(tid)
    except ValueError:
        return None
    if prefix != "rasd":
        return None
    t, u = s.api_tokens.c, s.users.c
    row = conn.execute(select(t.token_hash, u.name).join(s.users, u.id == t.user_id)
                       .where(t.id == tid, t.revoked.is_(False))).first()
    if row is None or not verify_secret(secret, row.token_hash):
        return None
    conn.execute(s.api_tokens.update().where(t.id == tid).values(last_used=_now()))
    return row.name


def login(conn, name: str, password: str) -> tuple[str, str] | None:
    """(session cookie, csrf token) for a right password, else None."""
    row = conn.execute(select(s.users.c.id, s.users.c.password_hash).where(s.users.c.name == name)).first()
    if row is None:
        verify_secret(password, hash_secret("timing"))  # the same work whether or not the user exists
        return None
    if not verify_secret(password, row.password_hash):
        return None
    cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    conn.execute(s.sessions.insert().values(token_hash=hashlib.sha256(cookie.encode()).hexdigest(), user_id=row.id,
                                            csrf=csrf, created=_now(), expires=_now() + timedelta(days=SESSION_DAYS)))
    return cookie, csrf


def session(conn, cookie: str) -> tuple[str, str] | None:
    """(user name, csrf token) of a live session cookie."""
    se, u = s.sessions.c, s.users.c
    row = conn.execute(select(u.name, se.csrf, se.expires).join(s.users, u.id == se.user_id)
                       .where(se.token_hash == hashlib.sha256(cookie.encode()).hexdigest())).first()
    if row is None or row.expires < _now():
        return None
    return row.name, row.csrf


def logout(conn, cookie: str) -> None:
    conn.execute(s.sessions.delete().where(s.sessions.c.token_hash == hashlib.sha256(cookie.encode()).hexdigest()))


def current_user(request: Request) -> str | None:
    """The user of a request (for reading pages: who is logged in), without CSRF checks."""
    engine = request.app.state.engine
    auth = request.headers.get("authorization", "")
    with engine.begin() as conn:
        if auth.lower().startswith("bearer "):
            return token_user(conn, auth[7:].strip())
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            got = session(conn, cookie)
            return got[0] if got else None
    return None


async def require_writer(request: Request) -> str:
    """FastAPI dependency for every write: a valid Bearer token, or a session cookie with a matching
    CSRF token. 401 without credentials, 403 for a session POST without the right CSRF token."""
    engine = request.app.state.engine
    auth = request.headers.get("authorization", "")
    if auth:
        if not auth.lower().startswith("bearer "):
            raise HTTPException(401, "use Authorization: Bearer <token>", headers={"WWW-Authenticate": "Bearer"})
        with engine.begin() as conn:
            user = token_user(conn, auth[7:].strip())
        if user is None:
            raise HTTPException(401, "invalid token", headers={"WWW-Authenticate": "Bearer"})
        return user
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        raise HTTPException(401, "log in or send an API token", headers={"WWW-Authenticate": "Bearer"})
    with engine.begin() as conn:
        got = session(conn, cookie)
    if got is None:
        raise HTTPException(401, "session expired; log in again", headers={"WWW-Authenticate": "Bearer"})
    user, csrf = got
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = (await request.form()).get("csrf_token")
    double = request.cookies.get(CSRF_COOKIE) or ""
    if not sent or not hmac.compare_digest(str(sent), csrf) or not hmac.compare_digest(double, csrf):
        raise HTTPException(403, "missing or wrong CSRF token")
    return user
