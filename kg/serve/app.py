"""The web application of `kg serve` (Starlette on uvicorn): the SPARQL 1.1 Protocol at /sparql, named
queries at /query/NAME, the graph page at / and a query page at /query. Read-only; a time limit per query."""

from __future__ import annotations

import asyncio
import html
import multiprocessing as mp
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..errors import GraphError, QueryError
from ..query import named_queries, named_query, query_form, UPDATE_KEYWORDS
from . import worker as worker_mod

ASSETS = Path(__file__).resolve().parent
# media type -> format name, for SELECT and ASK, and for CONSTRUCT and DESCRIBE
RESULT_TYPES = {"application/sparql-results+json": "json", "application/json": "json",
                "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                "text/csv": "csv", "text/tab-separated-values": "tsv"}
GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "ntriples",
               "text/plain": "ntriples", "application/rdf+xml": "rdfxml"}
MAX_QUERY_CHARS = 1_000_000
PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'"


class Worker:
    """One query process and the pipe to it."""

    def __init__(self, folder: Path):
        ctx = mp.get_context("spawn")  # a fresh interpreter: no threads or event loop inherited
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=worker_mod.main, args=(child, str(folder)), daemon=True,
                                   name="kg-serve-query")
        self.process.start()
        child.close()

    def call(self, query: str, fmt: str, timeout: float | None):
        """The worker's answer; None when the time ran out (the process is then ended)."""
        try:
            self.conn.send((query, fmt))
            if timeout and not self.conn.poll(timeout):
                self.stop()
                return None
            return self.conn.recv()
        except (EOFError, OSError):
            self.stop()
            return ("error", 500, "the query process ended unexpectedly; try again")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()  # the only way to stop Oxigraph in the middle of a query
        self.process.join(5)
        self.conn.close()

    @property
    def alive(self) -> bool:
        return self.process.is_alive()


class Pool:
    """A fixed number of workers; a request waits for an idle one; a stopped or dead one is replaced."""

    def __init__(self, folder: Path, size: int, timeout: float | None):
        self.folder, self.size, self.timeout = folder, size, timeout
        self.idle: asyncio.Queue[Worker] | None = None
        self.all: list[Worker] = []
        self._lock = threading.Lock()

    async def start(self) -> None:
        self.idle = asyncio.Queue()
        for _ in range(self.size):
            w = await asyncio.to_thread(self._new)
            self.idle.put_nowait(w)

    def _new(self) -> Worker:
        w = Worker(self.folder)
        with self._lock:
            self.all.append(w)
        return w

    def _drop(self, w: Worker) -> None:
        w.stop()
        with self._lock:
            if w in self.all:
                self.all.remove(w)

    async def run(self, query: str, fmt: str):
        assert self.idle is not None
        w = await self.idle.get()
        loop, idle = asyncio.get_running_loop(), self.idle

        def job():
            # The worker goes back to the pool from this thread, once it has answered: a request cancelled
            # while waiting (a client gone, a shutdown) never hands on a worker still busy with its query.
            answer = None
            try:
                answer = w.call(query, fmt, self.timeout)
            finally:
                ready = w
                if not w.alive:
                    self._drop(w)
                    ready = self._new()
                try:
                    loop.call_soon_threadsafe(idle.put_nowait, ready)
                except RuntimeError:  # the server has stopped meanwhile
                    self._drop(ready)
            return answer

        answer = await asyncio.to_thread(job)
        if answer is None:
            return ("error", 503, f"query stopped after {self.timeout:g} s (the server's time limit); "
                                  "add LIMIT or narrow its patterns")
        return answer

    def close(self) -> None:
        for w in list(self.all):
            self._drop(w)


def _accepted(accept: str, offered: dict[str, str], default: str) -> str | None:
    """The format the Accept header prefers among offered media types; default for */*; None if none fits."""
    if not accept.strip():
        return default
    best, best_q = None, 0.0
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        media = media.lower()
        fmt = offered.get(media) or (default if media in ("*/*", "application/*", "text/*") else None)
        if fmt and q > best_q:
            best, best_q = fmt, q
    return best


def error(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status)


async def answer(request: Request, query: str) -> Response:
    """Run a query text for a request: refuse updates, pick the format from Accept, apply the time limit."""
    if not query.strip():
        return error(400, "empty query")
    if len(query) > MAX_QUERY_CHARS:
        return error(413, f"query longer than {MAX_QUERY_CHARS} characters")
    form = query_form(query)
    if form in UPDATE_KEYWORDS:
        return error(403, f"{form}: this endpoint is read-only; `kg build` changes the graph")
    offered = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
    fmt = _accepted(request.headers.get("accept", ""), offered, "turtle" if offered is GRAPH_TYPES else "json")
    if fmt is None:
        return error(406, "cannot answer in any type the Accept header lists; offered: " + ", ".join(offered))
    status, *rest = await request.app.state.pool.run(query, fmt)
    if status == "ok":
        media, body = rest
        return Response(body, media_type=media, headers={"Vary": "Accept"})
    code, message = rest
    return error(code, message)


async def sparql(request: Request) -> Response:
    """The SPARQL 1.1 Protocol: GET ?query=, POST form (query=) or POST application/sparql-query."""
    if request.method == "GET":
        if "update" in request.query_params:
            return error(403, "this endpoint is read-only; updates are refused")
        if "query" not in request.query_params:
            return query_page(request)
        return await answer(request, request.query_params["query"])
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-update":
        return error(403, "this endpoint is read-only; updates are refused")
    if ctype == "application/sparql-query":
        body = await request.body()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return error(400, "the query is not UTF-8")
        return await answer(request, text)
    if ctype == "application/x-www-form-urlencoded":
        body = await request.body()
        try:
            form = parse_qs(body.decode("ascii"), keep_blank_values=True, strict_parsing=False, errors="strict")
        except (UnicodeDecodeError, ValueError):
            return error(400, "the form is not valid application/x-www-form-urlencoded UTF-8")
        if "update" in form:
            return error(403, "this endpoint is read-only; updates are refused")
        if "query" not in form:
            return error(400, "no query: send query=... (or an application/sparql-query body)")
        return await answer(request, form["query"][0])
    return error(415, "send the query as application/sparql-query or application/x-www-form-urlencoded query=...")


async def named(request: Request) -> Response:
    """A named query of kg/queries, its parameters from the URL: /query/support?subject=Trump."""
    name = request.path_params["name"]
    try:
        text = named_query(name).bind(dict(request.query_params), request.app.state.folder)
    except QueryError as e:
        return error(404 if "no query named" in str(e) else 400, str(e).replace("--param ", ""))
    return await answer(request, text)


async def graph_page(request: Request) -> Response:
    """The graph page of the latest build (read on each request, so a new build shows at once)."""
    path = request.app.state.folder / "graph.html"
    try:
        return HTMLResponse(path.read_bytes())
    except OSError:
        return error(404, "this folder has no graph.html; run `kg build --page` into it")


def query_page(request: Request) -> Response:
    """A small page: an editor, the named queries with their parameters, the answer as a table."""
    items = []
    for name, nq in named_queries().items():
        params = "".join(
            f'<label>{html.escape(p)}{" (required)" if req else ""} '
            f'<input name="{html.escape(p, quote=True)}" title="{html.escape(help_, quote=True)}"></label> '
            for p, (req, help_) in nq.params.items())
        items.append(f'<li><form class="named" data-name="{html.escape(name, quote=True)}">'
                     f'<b>{html.escape(name)}</b> <span>{html.escape(nq.description)}</span><br>{params}'
                     f'<button type="submit">run</button></form></li>')
    page = (ASSETS / "query.html").read_text(encoding="utf-8").replace("<!--NAMED-->", "\n".join(items))
    return HTMLResponse(page, headers={"Content-Security-Policy": PAGE_POLICY})


async def asset(request: Request) -> Response:
    name = request.path_params["name"]
    media = {"query.js": "text/javascript", "query.css": "text/css"}.get(name)
    if media is None:
        return error(404, "no such file")
    return Response((ASSETS / name).read_bytes(), media_type=f"{media}; charset=utf-8")


def create_app(folder: str | Path, *, workers: int = 2, timeout: float | None = 30.0) -> Starlette:
    """The application for a build folder. Raises GraphError when the folder holds no store."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GraphError(f"{folder}: no such folder; run `kg build --out {folder}` first")
    if not worker_mod.wait_for_store(folder, 0):
        raise GraphError(f"{folder}: no kg store here; run `kg build --out {folder}` first")
    pool = Pool(folder, max(1, workers), timeout or None)

    @asynccontextmanager
    async def lifespan(app):
        await pool.start()
        try:
            yield
        finally:
            await asyncio.to_thread(pool.close)

    app = Starlette(routes=[
        Route("/", graph_page),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/query", query_page),
        Route("/query/{name}", named, methods=["GET", "POST"]),
        Route("/assets/{name}", asset),
    ], lifespan=lifespan)
    app.state.folder = folder
    app.state.pool = pool
    return app


def serve(folder: str | Path, *, host: str = "127.0.0.1", port: int = 7878, workers: int = 2,
          timeout: float | None = 30.0, ready=None) -> None:
    """Serve the build folder until interrupted. ready(url) is called once the server listens."""
    import uvicorn

    app = create_app(folder, workers=workers, timeout=timeout)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    if ready is not None:
        original = server.startup

        async def startup(sockets=None):
            await original(sockets)
            if server.started:
                shown = f"[{host}]" if ":" in host else host
                ready(f"http://{shown}:{port}/")

        server.startup = startup
    server.run()
    if not server.started:
        raise GraphError(f"cannot listen on {host}:{port} (in use, or not an address of this machine)")
