"""This install's identity: set up once (first run or `c4m init`), read everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from ..domain.enums import Role
from ..domain.messages import N_, UserError, ValidationError
from ..domain.sites import SITES
from ..domain.validation import Checker
from ..store.models import AppState, Device, new_id
from .workspace import SEQ_KEY, Workspace

LANGUAGES = ("en", "th", "km", "vi", "lo", "my")


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    site_code: str
    role: str
    coordinator: str
    mi_email: str | None
    language: str


def _info(d: Device) -> DeviceInfo:
    return DeviceInfo(d.id, d.site_code, d.role, d.coordinator, d.mi_email, d.language)


def current(ws: Workspace) -> DeviceInfo | None:
    """Return this install's identity, or None before set-up."""
    d = ws.local_device()
    return _info(d) if d else None


def check_setup(*, site_code: str, coordinator: str, role: str = Role.SITE.value,
                language: str | None = None, mi_email: str | None = None) -> None:
    """Refuse set-up values before anything is opened or written."""
    c = Checker({"site_code": site_code, "coordinator": (coordinator or "").strip(), "role": role,
                 "mi_email": mi_email})
    c.site()
    c.required("coordinator")
    c.choice("role", Role)
    c.email("mi_email")
    if language is not None and language not in LANGUAGES:
        c.add("language", N_("{value} is not a language of the app."), value=language)
    if c.problems:
        raise ValidationError(c.problems)


def initialise(ws: Workspace, *, site_code: str, coordinator: str, role: str = Role.SITE.value,
               language: str | None = None, mi_email: str | None = None) -> DeviceInfo:
    """Create this install's device record; refuse if the database is already set up."""
    check_setup(site_code=site_code, coordinator=coordinator, role=role, language=language,
                mi_email=mi_email)
    with ws.db.session() as s:
        existing = s.query(Device).filter(Device.is_local.is_(True)).one_or_none()
        if existing is not None:
            raise UserError(N_("This database is already set up for site {site} ({name})."),
                            site=existing.site_code, name=existing.coordinator)
        device = Device(
            id=new_id(), site_code=site_code, role=role, coordinator=coordinator.strip(),
            mi_email=mi_email or None, language=language or SITES[site_code].language,
            is_local=True, created_at=datetime.now(UTC),
        )
        s.add(device)
        if s.get(AppState, SEQ_KEY) is None:
            # Writers lock this row to take their change number; it must exist before the first
            # two writes race for it (MI staff sharing a PostgreSQL database).
            s.add(AppState(key=SEQ_KEY, value="0"))
        s.flush()
        return _info(device)



def update(ws: Workspace, *, coordinator: str, language: str, mi_email: str | None) -> DeviceInfo:
    """Change this install's coordinator name, language or MI address (the site stays)."""
    current_info = current(ws)
    if current_info is None:
        raise UserError(N_("This database is not set up yet."))
    check_setup(site_code=current_info.site_code, coordinator=coordinator, role=current_info.role,
                language=language, mi_email=mi_email)
    with ws.db.session() as s:
        d = s.get(Device, current_info.id)
        assert d is not None  # current() just read it
        d.coordinator, d.language, d.mi_email = coordinator.strip(), language, mi_email or None
        s.flush()
        return _info(d)


def set_language(ws: Workspace, language: str) -> DeviceInfo:
    """Remember the language chosen from the Language menu for the next start."""
    now = current(ws)
    if now is None:
        raise UserError(N_("This database is not set up yet."))
    return update(ws, coordinator=now.coordinator, language=language, mi_email=now.mi_email)
