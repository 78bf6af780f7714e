"""One abusive address against nginx (deploy/), for bench/slow-clients and its bounded
version in tests/test_deploy.py: many slow TLS connections from one loopback address,
each reopened as soon as nginx closes it, while a pupil at another address asks for
pages. (On Linux every address in 127.0.0.0/8 is loopback, so none needs setting up.)"""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import multiprocessing
import ssl
import threading
import time
from dataclasses import dataclass, field

ABUSER = "127.0.0.2"
PUPIL_PAGE = "/quiz/video-chat/1"
# Half the connections trickle their header, never finishing it; half send a whole
# header for a 500-byte answer and trickle the body.
HEADER = (
    b"POST /quiz/video-chat/1 HTTP/1.1\r\nHost: localhost\r\n"
    b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\n"
)


@dataclass
class Flood:
    """What the abuser saw: connections opened, and answers, by status line."""

    opened: int = 0
    failed_to_open: int = 0
    answers: dict[str, int] = field(default_factory=dict)
    # How many were open at once, now and at most.
    held: int = 0
    most_held: int = 0


@dataclass
class Pupil:
    """What the pupil saw: seconds per page, and what failed."""

    times: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.times:
            return f"no page served, {len(self.failures)} failed"
        times = sorted(self.times)
        median, worst = times[len(times) // 2], times[-1]
        return (
            f"{len(times)} pages served, {len(self.failures)} failed; "
            f"median {median:.3f} s, slowest {worst:.3f} s"
        )


async def slow_connection(
    port: int,
    context: ssl.SSLContext,
    trickle_body: bool,
    interval: float,
    flood: Flood,
    stop,
    opening: asyncio.Semaphore,
):
    """One slow client that reopens as soon as its connection is closed."""
    while not stop.is_set():
        try:
            # A few handshakes at a time: all at once would only overflow nginx's queue
            # of connections waiting to be accepted, and time out there.
            async with opening:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(
                        "127.0.0.1",
                        port,
                        ssl=context,
                        server_hostname="localhost",
                        local_addr=(ABUSER, 0),
                    ),
                    timeout=30,
                )
        except (TimeoutError, OSError):
            flood.failed_to_open += 1
            await asyncio.sleep(0.1)
            continue
        flood.opened += 1
        flood.held += 1
        flood.most_held = max(flood.most_held, flood.held)
        to_send = HEADER + b"a" * 500
        sent = len(HEADER) if trickle_body else 0
        if trickle_body:
            writer.write(HEADER)
        answer = asyncio.ensure_future(reader.read(65536))
        while not stop.is_set() and not answer.done() and sent < len(to_send):
            writer.write(to_send[sent : sent + 1])
            sent += 1
            await asyncio.wait([answer], timeout=interval)
        if answer.done() and not answer.cancelled() and answer.exception() is None:
            status = answer.result().split(b"\r\n", 1)[0].decode("latin-1") or "closed"
            flood.answers[status] = flood.answers.get(status, 0) + 1
        answer.cancel()
        flood.held -= 1
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


async def abuse(port: int, connections: int, interval: float, flood: Flood, stop):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    opening = asyncio.Semaphore(64)
    tasks = [
        asyncio.ensure_future(
            slow_connection(port, context, index % 2 == 1, interval, flood, stop, opening)
        )
        for index in range(connections)
    ]
    await asyncio.gather(*tasks, return_exceptions=True)


def read_page(port: int, context: ssl.SSLContext, pupil: Pupil) -> None:
    """The pupil, at 127.0.0.1, asks for a card on a new connection, as a browser does
    after an idle minute."""
    start = time.perf_counter()
    connection = http.client.HTTPSConnection(
        "127.0.0.1", port, context=context, timeout=30, source_address=("127.0.0.1", 0)
    )
    try:
        connection.request("GET", PUPIL_PAGE)
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            pupil.times.append(time.perf_counter() - start)
        else:
            pupil.failures.append(str(response.status))
    except OSError as error:
        pupil.failures.append(type(error).__name__)
    finally:
        connection.close()


def _abuse_in_process(port, connections, interval, stop, held, index, results) -> None:
    """abuse() in a process of its own, reporting how many it holds into `held[index]`."""
    flood = Flood()

    async def report():
        while not stop.is_set():
            held[index] = flood.held
            await asyncio.sleep(0.1)

    async def both():
        await asyncio.gather(abuse(port, connections, interval, flood, stop), report())

    asyncio.run(both())
    results.put((flood.opened, flood.failed_to_open, flood.answers))


def flood_from_processes(
    port: int, pupil_context: ssl.SSLContext, connections: int, seconds: float, processes: int
) -> tuple[Flood, Pupil]:
    """As flood_while_pupil_reads for `seconds`, the slow clients shared between
    `processes` processes: one process cannot open TLS connections fast enough to hold
    thousands. The most held at once is the most the processes held together."""
    stop, results = multiprocessing.Event(), multiprocessing.Queue()
    held = multiprocessing.Array("i", processes)
    workers = [
        multiprocessing.Process(
            target=_abuse_in_process,
            args=(port, connections // processes, 2.0, stop, held, index, results),
        )
        for index in range(processes)
    ]
    for worker in workers:
        worker.start()
    flood, pupil = Flood(), Pupil()
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            read_page(port, pupil_context, pupil)
            flood.most_held = max(flood.most_held, sum(held))
            time.sleep(0.2)
    finally:
        stop.set()
        for _ in workers:
            opened, failed, answers = results.get()
            flood.opened += opened
            flood.failed_to_open += failed
            for status, count in answers.items():
                flood.answers[status] = flood.answers.get(status, 0) + count
        for worker in workers:
            worker.join()
    return flood, pupil


def flood_while_pupil_reads(
    port: int,
    pupil_context: ssl.SSLContext,
    connections: int,
    seconds: float | None = None,
    pages: int | None = None,
    interval: float = 2.0,
) -> tuple[Flood, Pupil]:
    """`connections` slow clients from ABUSER, each sending a byte every `interval`
    seconds, while a pupil at 127.0.0.1 reads pages: five a second for `seconds` from the
    start (the bench), or, once every slow client has opened its connection and nginx
    has refused one, `pages` pages one after another (the test, which waits on nothing
    but events)."""
    flood, pupil, stop = Flood(), Pupil(), threading.Event()
    abuser = threading.Thread(
        target=lambda: asyncio.run(abuse(port, connections, interval, flood, stop))
    )
    abuser.start()
    try:
        if pages is None:
            end = time.monotonic() + (seconds or 0)
            while time.monotonic() < end:
                read_page(port, pupil_context, pupil)
                time.sleep(0.2)
        else:
            # Bounded only so that a broken set-up ends the test.
            for _ in range(6000):
                if flood.opened >= connections and flood.answers:
                    break
                time.sleep(0.05)
            for _ in range(pages):
                read_page(port, pupil_context, pupil)
    finally:
        stop.set()
        abuser.join()
    return flood, pupil
