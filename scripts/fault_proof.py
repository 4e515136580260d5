"""Inject faults into a real run and count every e-mail (run by scripts/fault-proof, which starts PostgreSQL).

The load is password resets asked for through gunicorn, one address per request,
so each acknowledged request stands for exactly one e-mail. A small SMTP server
here counts the messages it accepts per address: an address counted twice is a
duplicate, an expected address never counted is lost.
"""

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PROOF_DIR = Path(os.environ["PROOF_DIR"])
PORTS = {name: int(os.environ[f"FAULT_{name.upper()}_PORT"]) for name in ("pg", "redis", "smtp", "web")}
SITE = f"http://127.0.0.1:{PORTS['web']}"
VENV = ROOT / ".venv" / "bin"
PER_FAULT = 30
# How long each fault may take to put right before what is missing counts as lost.
RECOVERY_LIMIT = 100


class CountingSMTPServer:
    """Accepts every message, counting it per recipient when the final dot arrives (a real server has
    queued it by then, whether or not the client stays to read the answer). Can hang, and can be slow."""

    def __init__(self, port):
        self.port = port
        self.received = defaultdict(list)
        self.hung = False
        self.answer_delay = 0.1
        self.ready = threading.Event()

    def start(self):
        threading.Thread(target=asyncio.run, args=(self.serve(),), daemon=True).start()
        self.ready.wait(5)

    async def serve(self):
        server = await asyncio.start_server(self.converse, "127.0.0.1", self.port)
        self.ready.set()
        async with server:
            await server.serve_forever()

    async def converse(self, reader, writer):
        try:
            while self.hung:  # connected, and then nothing: the client waits for a greeting
                await asyncio.sleep(0.1)
            await self.say(writer, "220 fault-proof ESMTP")
            recipients = []
            while line := await reader.readline():
                command = line[:4].upper()
                if command == b"RCPT":
                    recipients.append(re.search(rb"<([^>]*)>", line).group(1).decode().lower())
                    await self.say(writer, "250 OK")
                elif command == b"MAIL":
                    recipients = []
                    await self.say(writer, "250 OK")
                elif command == b"DATA":
                    await self.say(writer, "354 End data with <CR><LF>.<CR><LF>")
                    while (line := await reader.readline()) != b".\r\n":
                        if not line:
                            return  # the client went away mid-message: nothing accepted
                    for recipient in recipients:
                        self.received[recipient].append(time.monotonic())
                    await asyncio.sleep(self.answer_delay)
                    await self.say(writer, "250 OK queued")
                elif command == b"QUIT":
                    await self.say(writer, "221 Bye")
                    return
                else:
                    await self.say(writer, "250 fault-proof")
        except (ConnectionError, OSError):
            return
        finally:
            writer.close()

    @staticmethod
    async def say(writer, text):
        writer.write(text.encode() + b"\r\n")
        await writer.drain()


class Processes:
    """The broker's Redis, gunicorn, two workers and beat, each one stoppable on its own.

    Like the supervisor the README asks for (Restart=always), it starts again
    any of the app's processes that exits by itself, and counts it.
    """

    def __init__(self):
        self.running, self.commands = {}, {}
        self.restarts = defaultdict(int)
        self.lock = threading.Lock()
        threading.Thread(target=self.supervise, daemon=True).start()

    def start(self, name, command):
        log = open(PROOF_DIR / f"{name}.log", "a")
        with self.lock:
            self.commands[name] = command
            # Its own process group, so that killing a worker kills its pool's children with it, as losing
            # a machine would.
            self.running[name] = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=log, start_new_session=True)

    def stop(self, name, sig=signal.SIGTERM):
        with self.lock:
            process = self.running.pop(name)
        os.killpg(process.pid, sig)
        process.wait(30)

    def stop_all(self):
        for name in list(self.running):
            self.stop(name, signal.SIGKILL)

    def supervise(self):
        while True:
            time.sleep(1)
            with self.lock:
                exited = [name for name, process in self.running.items() if process.poll() is not None]
            for name in exited:
                if name != "redis":
                    self.restarts[name] += 1
                    self.start(name, self.commands[name])

    def redis(self):
        # No persistence, as in CI: a restart comes back empty.
        self.start(
            "redis",
            ["redis-server", "--bind", "127.0.0.1", "--port", str(PORTS["redis"]), "--save", "", "--appendonly", "no"],
        )
        wait_until(
            lambda: (
                subprocess.run(["redis-cli", "-p", str(PORTS["redis"]), "ping"], capture_output=True).returncode == 0
            )
        )

    def worker(self, name):
        self.start(
            name,
            [
                VENV / "celery",
                "-A",
                "engagement",
                "worker",
                "-n",
                f"{name}@%h",
                "-c",
                "2",
                "-l",
                "warning",
                "--without-gossip",
                "--without-mingle",
            ],
        )

    def everything(self):
        self.redis()
        self.start(
            "web", [VENV / "gunicorn", "engagement.wsgi", "--bind", f"127.0.0.1:{PORTS['web']}", "--workers", "2"]
        )
        self.worker("w1")
        self.worker("w2")
        self.start("beat", [VENV / "celery", "-A", "engagement", "beat", "-l", "warning", "-s", PROOF_DIR / "beat"])
        wait_until(lambda: reachable(SITE + "/health/"))


def reachable(url):
    try:
        return requests.get(url, timeout=2).status_code < 500
    except requests.RequestException:
        return False


def wait_until(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def restart_postgres():
    data = os.environ["PGDATA"]
    command = [f"{os.environ['PGBIN']}/pg_ctl", "-D", data, "-l", f"{data}/../log", "-m", "fast", "-w", "restart"]
    if os.getuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    # Not captured: the new server would hold the pipe open, and wait for it for ever.
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_members():
    from django.contrib.auth.hashers import make_password

    from members.models import User

    password = make_password("fault-proof-password")
    User.objects.bulk_create(
        User(email=f"person{i}@fault.example", full_name=f"Person {i}", password=password)
        for i in range(PER_FAULT * len(FAULTS))
    )


class Load:
    """People asking for a password reset, four at a time, each for their own address."""

    def __init__(self, addresses, pause=0.05, threads=4):
        self.waiting = list(addresses)
        self.pause = pause
        self.acknowledged, self.refused = [], []
        self.slowest = 0.0
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.ask) for _ in range(threads)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        for thread in self.threads:
            thread.join()

    def ask(self):
        session = requests.Session()
        while True:
            with self.lock:
                if not self.waiting:
                    return
                address = self.waiting.pop(0)
            started = time.monotonic()
            try:
                page = session.get(f"{SITE}/accounts/password-reset/", timeout=30)
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
                response = session.post(
                    f"{SITE}/accounts/password-reset/",
                    {"csrfmiddlewaretoken": token, "email": address},
                    allow_redirects=False,
                    timeout=30,
                )
                ok = response.status_code == 302 and response.headers["Location"].endswith("/sent/")
            except (requests.RequestException, AttributeError):
                ok = False
            with self.lock:
                self.slowest = max(self.slowest, time.monotonic() - started)
                (self.acknowledged if ok else self.refused).append(address)
            time.sleep(self.pause)


def sending(addresses):
    from engagement.core.models import Notification

    return Notification.objects.filter(user__email__in=addresses, status=Notification.Status.SENDING).count()


def settled(addresses):
    """Every stored e-mail for these addresses is finished (sent, or left unknown for staff) and no task waits."""
    from django.db import DatabaseError, connection

    from engagement.core.models import Notification, QueuedTask

    open_rows = Notification.objects.filter(user__email__in=addresses).exclude(
        status__in=[Notification.Status.SENT, Notification.Status.UNKNOWN]
    )
    try:
        return not open_rows.exists() and not QueuedTask.objects.filter(done_at=None).exists()
    except DatabaseError:
        connection.close()  # PostgreSQL was restarted under this connection
        return False


def account(name, addresses, load, smtp, fault_started):
    from engagement.core.models import Notification

    finished = wait_until(lambda: settled(addresses), RECOVERY_LIMIT)
    settled_after = time.monotonic() - fault_started
    time.sleep(2)  # a duplicate, if any, would arrive now
    rows = Notification.objects.filter(user__email__in=addresses).select_related("user")
    stored = {row.user.email for row in rows}
    expected = stored | set(load.acknowledged)
    sent = {address for address in expected if smtp.received[address]}
    duplicated = {address for address in expected if len(smtp.received[address]) > 1}
    unknown = {row.user.email for row in rows if row.status == Notification.Status.UNKNOWN}
    arrivals = [smtp.received[address][-1] for address in sent]
    wait = max(arrivals) - fault_started if arrivals else 0
    figures = {
        "acknowledged": len(load.acknowledged),
        "refused": len(load.refused),
        "stored": len(stored),
        "expected": len(expected),
        "sent": len(sent),
        "lost": len(expected - sent),
        "duplicated": len(duplicated),
        "unknown": len(unknown),
        "unknown, had arrived": len(unknown & sent),
        "lost writes": len(set(load.acknowledged) - stored),
    }
    print(
        f"{name}\n  {', '.join(f'{key} {value}' for key, value in figures.items())}\n"
        f"  slowest request {load.slowest:.1f} s; last e-mail {wait:.0f} s, all settled {settled_after:.0f} s after the fault began"
        + ("" if finished else f"; NOT SETTLED after {RECOVERY_LIMIT} s"),
        flush=True,
    )
    return figures["lost"] == 0 and figures["duplicated"] == 0 and figures["lost writes"] == 0


def redis_emptied(processes, smtp, people):
    with Load(people, pause=0.4) as load:
        time.sleep(1.5)
        processes.stop("redis", signal.SIGKILL)
        time.sleep(4)
        processes.redis()
    return "Redis stopped mid-load and restarted empty", load


def worker_killed(processes, smtp, people):
    smtp.answer_delay = 1.0  # every send in flight for a second, so the kill lands mid-send
    with Load(people, pause=0.2) as load:
        time.sleep(3)
        in_flight = sending(people)
        processes.stop("w1", signal.SIGKILL)
        processes.worker("w1")  # its supervisor starts it again
    smtp.answer_delay = 0.1
    return f"A worker killed with kill -9 mid-send ({in_flight} e-mails being sent at the time, by either worker)", load


def postgres_restarted(processes, smtp, people):
    with Load(people, pause=0.3) as load:
        time.sleep(1.5)
        restart_postgres()
    return "PostgreSQL restarted mid-load", load


def smtp_hung(processes, smtp, people):
    smtp.hung = True
    with Load(people) as load:
        pass
    time.sleep(22)  # past the mail server timeout (20 s)
    smtp.hung = False
    return "The SMTP server hung for 22 s", load


FAULTS = {"worker": worker_killed, "redis": redis_emptied, "postgres": postgres_restarted, "smtp": smtp_hung}


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")
    import django

    django.setup()
    # Stopped from outside (CI's timeout), still stop every process started here.
    signal.signal(signal.SIGTERM, lambda *args: sys.exit(1))
    make_members()
    smtp = CountingSMTPServer(PORTS["smtp"])
    smtp.start()
    processes = Processes()
    chosen = os.environ.get("FAULTS", ",".join(FAULTS)).split(",")
    results = []
    started = time.monotonic()
    try:
        processes.everything()
        for number, name in enumerate(chosen):
            people = [f"person{i}@fault.example" for i in range(number * PER_FAULT, (number + 1) * PER_FAULT)]
            fault_started = time.monotonic()
            title, load = FAULTS[name](processes, smtp, people)
            results.append(account(title, people, load, smtp, fault_started))
    finally:
        processes.stop_all()
    restarts = ", ".join(f"{name} {count}" for name, count in processes.restarts.items()) or "none"
    print(f"\nProcesses that exited by themselves and were started again: {restarts}")
    print(
        f"\n{sum(results)} of {len(results)} faults with nothing lost and nothing sent twice, "
        f"in {time.monotonic() - started:.0f} s"
    )
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
