"""The outbox sends real bundles to a real SMTP server (aiosmtpd on 127.0.0.1) and survives its failures.

Each failure a site meets in the field is played by the server: nothing listening, a wrong
password, a connection dropped during DATA, a 452 "try later", a 550 refusal. The item stays in
the outbox with its reason and attempt count, and a later success sends it exactly once.
"""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
import threading
from datetime import UTC, datetime, timedelta

import keyring
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from keyring.backend import KeyringBackend
from keyring.backends import fail
from smtp_server import EphemeralController

from c4m_desktop.services import associations, business_plans
from c4m_desktop.services.workspace import Workspace
from c4m_desktop.sync import exporter, mailer, outbox, secrets
from c4m_desktop.sync.mailer import SendFailed, SmtpSettings

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
MI = "c4m@mekonginstitute.org"
USER, PASSWORD = "srp.coordinator", "s3cret-Pa55word"
# Login without TLS is what two tests want to see refused or accepted on 127.0.0.1.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")


# --- a real SMTP server -----------------------------------------------------------------------


class Mailbox:
    """Accepts mail, or plays one failure chosen by ``mode``."""

    def __init__(self) -> None:
        self.mode = "ok"
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "550":
            return "550 5.1.1 <c4m@mekonginstitute.org>: Recipient address rejected: mailbox full forever"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "drop":
            server.transport.abort()  # the line goes dead before the server confirms
            return "250 never seen"
        if self.mode == "452":
            return "452 4.3.1 Insufficient system storage"
        self.received.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 2.0.0 Ok: queued"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data == (USER.encode(), PASSWORD.encode())
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


@pytest.fixture
def smtp():
    """Start servers: smtp(**controller_kwargs) -> (controller, mailbox); all stopped afterwards."""
    started: list[Controller] = []

    def start(**kw):
        box = Mailbox()
        controller = EphemeralController(box, **kw)
        controller.start()
        started.append(controller)
        return controller, box

    yield start
    for c in started:
        c.stop()


def free_port() -> int:
    """A port with nothing listening on it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def settings_for(port: int, **kw) -> SmtpSettings:
    values = {"host": "127.0.0.1", "port": port, "security": "none", "sender": "srp@c4m.example",
              "timeout": 5.0} | kw
    return SmtpSettings(**values)


# --- a real bundle ----------------------------------------------------------------------------


@pytest.fixture
def export(ws, tmp_path):
    for name in ("Puok Silk Weavers", "Angkor Stone Carvers"):
        a = associations.create(ws, values={"site_code": "SRP", "name_en": name, "kind": "artisan_group"},
                                sectors=["crafts"]).record.record
    business_plans.create(ws, values={"association_id": a.id, "title": "Stone 2027", "start_year": 2027,
                                      "horizon_years": 3})
    return exporter.export(ws, to_dir=tmp_path / "out")


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


# --- enqueue ----------------------------------------------------------------------------------


def test_enqueue_writes_an_english_subject_and_body(ws, export):
    item = outbox.enqueue(ws, export, recipient=MI, now=T0)
    today = export.manifest["period"]["to"]
    assert item.status == "queued" and item.attempts == 0 and item.size == export.size
    assert item.subject.startswith(f"C4M export SRP {today}: 2 associations, 2 association sectors, ")
    assert "1 business plan" in item.subject
    assert "Siem Reap" in item.body and "coordinator Sokha" in item.body
    assert "  11 plan sections" in item.body and f"Total: {export.rows} rows." in item.body
    assert export.path.name in item.body and export.bundle_id in item.body
    assert [i.id for i in outbox.items(ws)] == [item.id]
    assert [i.id for i in outbox.due(ws, T0)] == [item.id]


def test_enqueue_refuses_a_bad_address(ws, export):
    with pytest.raises(mailer.UserError, match="not a valid e-mail address"):
        outbox.enqueue(ws, export, recipient="mi at mekong")


def test_too_large_waits_for_a_folder_or_usb_stick(ws, export, tmp_path):
    item = outbox.enqueue(ws, export, recipient=MI, mail_limit_mb=0, now=T0)
    assert item.status == "too_large" and "USB stick" in item.last_error
    assert outbox.due(ws, T0) == [] and outbox.send_due(ws, settings_for(free_port()), None, now=T0) == []
    with pytest.raises(mailer.UserError, match="too large"):
        outbox.retry(ws, item.id)

    usb = tmp_path / "usb"
    saved = outbox.save_to_folder(ws, item.id, usb)
    assert saved == usb / export.path.name and saved.read_bytes() == export.path.read_bytes()
    assert list(usb.iterdir()) == [saved]  # no temporary file left behind
    after = outbox.get(ws, item.id)
    assert after.status == "saved" and after.saved_to == saved and after.last_error is None
    assert after.bundle_path == export.path and export.path.exists()  # the outbox keeps its own copy


def test_save_to_folder_says_why_it_failed(ws, export, tmp_path):
    item = outbox.enqueue(ws, export, recipient=MI, now=T0)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    with pytest.raises(mailer.UserError, match="could not be saved"):
        outbox.save_to_folder(ws, item.id, blocker)
    assert outbox.get(ws, item.id).status == "queued"


# --- sending ----------------------------------------------------------------------------------


def test_success_sends_the_bundle_as_an_attachment(ws, export, smtp):
    controller, box = smtp()
    item = outbox.enqueue(ws, export, recipient=MI, now=T0)
    [(item_id, outcome)] = outbox.send_due(ws, settings_for(controller.port), None, now=T0)
    assert item_id == item.id and outcome.status == "sent"

    [(rcpt, raw)] = box.received
    assert rcpt == [MI]
    msg = parse(raw)
    assert msg["Subject"] == item.subject and "SRP" in msg["Subject"]
    assert msg["Message-ID"] == outcome.message_id and msg["X-C4M-Bundle-Id"] == export.bundle_id
    assert "Siem Reap" in msg.get_body(("plain",)).get_content()
    [part] = list(msg.iter_attachments())
    assert part.get_content_type() == "application/octet-stream"
    assert part.get_filename() == export.path.name
    assert part.get_payload(decode=True) == export.path.read_bytes()

    sent = outbox.get(ws, item.id)
    assert (sent.status, sent.message_id, sent.sent_at, sent.attempts) == ("sent", outcome.message_id, T0, 1)
    # Already sent: never again, whatever anyone calls.
    assert outbox.send_due(ws, settings_for(controller.port), None, now=T0 + timedelta(days=1)) == []
    with pytest.raises(mailer.UserError, match="already sent"):
        outbox.retry(ws, item.id)
    assert len(box.received) == 1


def test_server_down_keeps_the_item_queued_with_backoff(ws, export):
    item = outbox.enqueue(ws, export, recipient=MI, now=T0)
    down = settings_for(free_port())
    assert mailer.reachable(down, timeout=0.5) is False
    [(_, outcome)] = outbox.send_due(ws, down, None, now=T0)
    assert outcome.status == "queued" and outcome.error.temporary
    after = outbox.get(ws, item.id)
    assert after.status == "queued" and after.attempts == 1
    assert "cannot be reached" in after.last_error and after.next_attempt_at == T0 + timedelta(minutes=1)

    # Not due before its backoff runs out; then tried again with a doubled wait.
    assert outbox.send_due(ws, down, None, now=T0 + timedelta(seconds=59)) == []
    t1 = T0 + timedelta(minutes=1)
    outbox.send_due(ws, down, None, now=t1)
    assert outbox.get(ws, item.id).next_attempt_at == t1 + timedelta(minutes=2)

    # The transport on its own says the same, as a temporary failure.
    with pytest.raises(SendFailed, match="cannot be reached") as info:
        mailer.send(down, None, to=MI, subject="s", body="b", attachment=export.path)
    assert info.value.temporary


def test_backoff_doubles_up_to_six_hours():
    assert [outbox.backoff(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert outbox.backoff(9) == timedelta(minutes=256)
    assert outbox.backoff(10) == outbox.backoff(1000) == timedelta(hours=6)


@pytest.mark.parametrize(("mode", "status", "temporary", "reason"), [
    ("drop", "queued", True, "connection to the mail server dropped"),
    ("452", "queued", True, "asked to try again later: 452 4.3.1 Insufficient system storage"),
    ("550", "failed", False, "refused the message: 550 5.1.1 <c4m@mekonginstitute.org>: Recipient address "
                             "rejected: mailbox full forever"),
])
def test_server_failures_keep_the_item_with_its_reason(ws, export, smtp, mode, status, temporary, reason):
    controller, box = smtp()
    box.mode = mode
    item = outbox.enqueue(ws, export, recipient=MI, now=T0)
    [(_, outcome)] = outbox.send_due(ws, settings_for(controller.port), None, now=T0)
    assert outcome.status == status and outcome.error.temporary is temporary
    after = outbox.get(ws, item.id)
    assert after.status == status and after.attempts == 1 and reason in after.last_error
    assert after.next_attempt_at == (T0 + timedelta(minutes=1) if temporary else None)
    assert box.received == []


def test_wrong_password_waits_for_the_user(ws, export, smtp):
    controller, box = smtp(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    item = outbox.enqueue(ws, export, recipient=MI, now=T0)
    settings = settings_for(controller.port, username=USER)
    [(_, outcome)] = outbox.send_due(ws, settings, "wrong-password", now=T0)
    assert outcome.status == "failed" and not outcome.error.temporary
    after = outbox.get(ws, item.id)
    assert after.status == "failed" and after.attempts == 1 and USER in after.last_error
    # A failed item is not retried by the timer, however long it waits.
    assert outbox.send_due(ws, settings, PASSWORD, now=T0 + timedelta(days=2)) == []

    outbox.retry(ws, item.id)
    [(_, outcome)] = outbox.send_due(ws, settings, PASSWORD, now=T0 + timedelta(days=2))
    assert outcome.status == "sent" and len(box.received) == 1
    assert outbox.get(ws, item.id).attempts == 2


def test_no_password_and_cleartext_password_are_refused_before_any_traffic(export):
    with pytest.raises(SendFailed, match="No password is known") as info:
        mailer.send(settings_for(free_port(), username=USER), None, to=MI, subject="s", body="b",
                    attachment=export.path)
    assert not info.value.temporary
    remote = settings_for(25, host="mail.example.org", username=USER)
    with pytest.raises(SendFailed, match="unencrypted"):
        mailer.send(remote, PASSWORD, to=MI, subject="s", body="b", attachment=export.path)


def test_every_failure_then_a_single_success(ws, export, smtp, tmp_path):
    """One export meets every failure in turn, then goes out once, and only once."""
    port = free_port()
    settings = settings_for(port, username=USER)
    item = outbox.enqueue(ws, export, recipient=MI, now=T0)
    now = T0

    def attempt(password=PASSWORD):
        nonlocal now
        [(item_id, outcome)] = outbox.send_due(ws, settings, password, now=now)
        assert item_id == item.id
        state = outbox.get(ws, item.id)
        now = state.next_attempt_at or now
        return outcome, state

    outcome, state = attempt()  # nothing listening yet
    assert (state.status, state.attempts) == ("queued", 1) and "cannot be reached" in state.last_error

    _, box = smtp(port=port, authenticator=authenticator, auth_required=True, auth_require_tls=False)
    outcome, state = attempt(password="wrong")
    assert (state.status, state.attempts) == ("failed", 2) and "user name or password" in state.last_error
    outbox.retry(ws, item.id)

    for mode, expected in (("drop", "dropped"), ("452", "452"), ("550", "550")):
        box.mode = mode
        outcome, state = attempt()
        assert expected in state.last_error
    assert (state.status, state.attempts) == ("failed", 5)
    assert box.received == []

    box.mode = "ok"
    outbox.retry(ws, item.id)
    outcome, state = attempt()
    assert outcome.status == "sent" and (state.status, state.attempts) == ("sent", 6)
    assert state.last_error is None and state.message_id == outcome.message_id
    for _ in range(2):
        assert outbox.send_due(ws, settings, PASSWORD, now=now + timedelta(hours=7)) == []
    assert len(box.received) == 1

    # The password went to the server, nowhere else: not the database, not the settings.
    files = list(tmp_path.glob("c4m.sqlite*"))
    assert files
    for path in files:
        assert PASSWORD.encode() not in path.read_bytes()


def test_two_senders_at_once_send_each_item_once(ws, export, smtp, tmp_path):
    controller, box = smtp()
    ids = {outbox.enqueue(ws, export, recipient=MI, now=T0).id for _ in range(4)}
    other = Workspace.open(tmp_path / "c4m.sqlite", create=False)  # as if a second process
    barrier = threading.Barrier(2)
    outcomes: list[tuple[str, outbox.Outcome]] = []

    def run(w):
        barrier.wait()
        outcomes.extend(outbox.send_due(w, settings_for(controller.port), None, now=T0))

    threads = [threading.Thread(target=run, args=(w,)) for w in (ws, other)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
    finally:
        other.close()
    sent = [i for i, o in outcomes if o.status == "sent"]
    assert sorted(sent) == sorted(ids) and len(box.received) == 4
    assert all(o.status in ("sent", "skipped") for _, o in outcomes)
    assert {i.status for i in outbox.items(ws)} == {"sent"}


def test_a_send_interrupted_mid_way_waits_for_the_user(ws, export):
    item = outbox.enqueue(ws, export, recipient=MI, now=T0)
    assert outbox._claim(ws, item.id, T0)  # the program dies right after claiming
    assert not outbox._claim(ws, item.id, T0)  # nobody else can take it meanwhile
    assert outbox.send_due(ws, settings_for(free_port()), None, now=T0 + timedelta(minutes=30)) == []
    outbox.send_due(ws, settings_for(free_port()), None, now=T0 + outbox.SEND_LEASE)
    after = outbox.get(ws, item.id)
    assert after.status == "failed" and "interrupted" in after.last_error


# --- TLS --------------------------------------------------------------------------------------


@pytest.fixture
def tls(tmp_path):
    """A self-signed certificate for 127.0.0.1: (server context, client context that trusts it)."""
    x509 = pytest.importorskip("cryptography.x509", reason="cryptography is needed to make a test certificate")
    import ipaddress

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "mx.test")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(datetime.now(UTC) - timedelta(days=1))
            .not_valid_after(datetime.now(UTC) + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    (tmp_path / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    client = ssl.create_default_context(cadata=cert_pem.decode("ascii"))
    return server, client


def test_starttls_with_login(ws, export, smtp, tls):
    server_ctx, client_ctx = tls
    controller, box = smtp(tls_context=server_ctx, require_starttls=True, authenticator=authenticator,
                           auth_required=True)
    settings = settings_for(controller.port, security="starttls", username=USER)
    outbox.enqueue(ws, export, recipient=MI, now=T0)
    [(_, outcome)] = outbox.send_due(ws, settings, PASSWORD, now=T0, ssl_context=client_ctx)
    assert outcome.status == "sent"
    [(_, raw)] = box.received
    assert next(parse(raw).iter_attachments()).get_payload(decode=True) == export.path.read_bytes()


def test_ssl_and_an_untrusted_certificate(ws, export, smtp, tls):
    server_ctx, client_ctx = tls
    controller, box = smtp(ssl_context=server_ctx)
    settings = settings_for(controller.port, security="ssl")
    message_id = mailer.send(settings, None, to=MI, subject="s", body="b", attachment=export.path,
                             ssl_context=client_ctx)
    assert message_id.endswith("@c4m.example>") and len(box.received) == 1

    # The system's own trust store does not know this certificate: refused, and not retried blindly.
    item = outbox.enqueue(ws, export, recipient=MI, now=T0)
    [(_, outcome)] = outbox.send_due(ws, settings, None, now=T0, ssl_context=ssl.create_default_context())
    assert outcome.status == "failed" and "cannot be trusted" in outbox.get(ws, item.id).last_error
    assert len(box.received) == 1


def test_starttls_missing_on_the_server_is_a_settings_problem(export, smtp):
    controller, _ = smtp()
    with pytest.raises(SendFailed, match="does not offer STARTTLS") as info:
        mailer.send(settings_for(controller.port, security="starttls"), None, to=MI, subject="s",
                    body="b", attachment=export.path)
    assert not info.value.temporary


# --- settings and password --------------------------------------------------------------------


def test_settings_round_trip_without_a_password(ws):
    assert SmtpSettings.load(ws) == SmtpSettings()
    s = SmtpSettings(host="smtp.gmail.com", port=465, security="ssl", username=USER, sender="srp@c4m.example",
                     timeout=20)
    s.save(ws)
    assert SmtpSettings.load(ws) == s
    with pytest.raises(mailer.UserError, match="port"):
        SmtpSettings(host="x", port=70000).save(ws)
    with pytest.raises(mailer.UserError, match="security"):
        SmtpSettings(host="x", security="tls").save(ws)


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture
def backend():
    def use(b):
        keyring.set_keyring(b)
        return b

    yield use
    keyring.set_keyring(fail.Keyring())
    secrets.forget_password(USER)


def test_password_goes_to_the_keyring(backend):
    ring = backend(MemoryKeyring())
    assert secrets.set_password(USER, PASSWORD) == secrets.KEYRING
    assert ring.store == {("c4m-desktop smtp", USER): PASSWORD}
    assert secrets.get_password(USER) == PASSWORD and secrets.stored_where(USER) == secrets.KEYRING
    secrets.forget_password(USER)
    assert secrets.get_password(USER) is None and ring.store == {}


def test_without_a_keyring_the_password_lasts_this_session_only(backend):
    backend(fail.Keyring())
    assert secrets.get_password(USER) is None
    assert secrets.set_password(USER, PASSWORD) == secrets.SESSION
    assert secrets.get_password(USER) == PASSWORD and secrets.stored_where(USER) == secrets.SESSION
    secrets.forget_password(USER)
    assert secrets.get_password(USER) is None


def test_reachable_only_opens_a_connection(smtp):
    controller, box = smtp()
    assert mailer.reachable(settings_for(controller.port), timeout=1)
    assert not mailer.reachable(settings_for(free_port()), timeout=0.5)
    assert not mailer.reachable(SmtpSettings())
    assert box.received == []



def test_the_last_problem_is_shown_in_the_language_of_the_moment(ws, export):
    """Kept as a message and its figures, not as English text: a coordinator who switches to Khmer reads it
    in Khmer, with the server's name and the sizes filled in."""
    from c4m_desktop import i18n
    from c4m_desktop.store.models import OutboxItem

    big = outbox.enqueue(ws, export, recipient=MI, mail_limit_mb=0, now=T0)
    small = outbox.enqueue(ws, export, recipient=MI, now=T0)
    down = settings_for(free_port())
    outbox.send_due(ws, down, None, now=T0)
    english = {i.id: i.last_error for i in outbox.items(ws)}
    assert "USB stick" in english[big.id] and "cannot be reached" in english[small.id]
    try:
        i18n.set_language("km")
        khmer = {i.id: i.last_error for i in outbox.items(ws)}
    finally:
        i18n.set_language("en")
    with ws.read() as s:
        raw = s.get(OutboxItem, small.id).last_error
    assert '"server"' in raw  # the column holds the message and its figures
    for item_id in (big.id, small.id):
        assert khmer[item_id] != english[item_id]
        assert not khmer[item_id].isascii()
    assert down.server in khmer[small.id]
    assert i18n.translator("km").gettext(mailer.NOT_REACHABLE).split("{")[0] in khmer[small.id]
