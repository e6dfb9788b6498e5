"""The one way `ingest` fetches anything from the network: feeds, wire images, old-site media.

Only http and https; only public addresses. The host is resolved here and the connection made
to the address that was checked, so a name that resolves somewhere harmless for the check and
to 127.0.0.1 for the connection (DNS rebinding) gets nowhere; every redirect is checked again.
Answers are bounded in size, type and time: a feed that trickles forever ends at the deadline.

Tests serve files from a loopback HTTP server, so `INGEST_FETCH_LOOPBACK_HOSTS` (empty by
default, never set in production) names the host names, such as "localhost", that may resolve to a
loopback address. An address written into the URL (http://127.0.0.1/) is never let through, so a
test can show that a redirect from an allowed name to 127.0.0.1 is refused.
"""

import base64
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

USER_AGENT = "Kabar wire desk (+https://github.com/kabar)"
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


class FetchError(Exception):
    """The URL could not be fetched: refused by policy, or failed on the way."""


class FetchRefused(FetchError):
    """Refused before or while fetching: scheme, address, size or content type."""


class FetchFailed(FetchError):
    """The network or the server failed: unreachable, timed out, an HTTP error."""


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def address_allowed(address: str, *, host: str = "") -> bool:
    """Whether a resolved address is public (or loopback for a host name tests allow)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback and host.lower() in getattr(settings, "INGEST_FETCH_LOOPBACK_HOSTS", ()):
        return True
    return ip.is_global and not ip.is_multicast


def host_resolve(host: str, port: int) -> list[str]:
    """The addresses to connect to; refused when any address the name has is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(f"cannot resolve {host}: {exc}") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    refused = [a for a in addresses if not address_allowed(a, host=host)]
    if refused or not addresses:
        raise FetchRefused(
            f"{host} resolves to a private or local address ({refused[0] if refused else '-'})"
        )
    return addresses


def _connection(scheme: str, host: str, port: int, addresses: list[str], timeout: float):
    if scheme == "https":
        connection = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)

    # Connect to a checked address; TLS still verifies the certificate against `host`.
    def create_connection(_address, timeout=timeout, source_address=None):
        error = None
        for address in addresses:
            try:
                return socket.create_connection((address, port), timeout, source_address)
            except OSError as exc:
                error = exc
        raise error

    connection._create_connection = create_connection
    return connection


def _type_allowed(content_type: str, accept: tuple[str, ...]) -> bool:
    mime = content_type.split(";", 1)[0].strip().lower()
    return not accept or any(mime == a or (a.endswith("/") and mime.startswith(a)) for a in accept)


def url_fetch(
    url: str,
    *,
    accept: tuple[str, ...] = (),
    max_bytes: int = 10 * 1024 * 1024,
    timeout: float = 20,
    etag: str = "",
    last_modified: str = "",
    username: str = "",
    password: str = "",
) -> Fetched:
    """The answer at `url` (a 304 when ETag or Last-Modified still hold), within the limits.

    `accept` lists MIME types ("application/rss+xml") or prefixes ending in "/" ("image/");
    empty accepts any. `timeout` bounds the whole fetch, redirects included.
    """
    deadline = time.monotonic() + timeout
    for _hop in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchRefused(f"only http and https addresses are fetched, not {url[:80]}")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise FetchRefused(f"bad port in {url[:80]}") from exc
        addresses = host_resolve(parts.hostname, port)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchFailed(f"timed out after {timeout:g} s")
        connection = _connection(parts.scheme, parts.hostname, port, addresses, remaining)
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        if accept:
            headers["Accept"] = ", ".join(a + "*" if a.endswith("/") else a for a in accept)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if username:
            token = base64.b64encode(f"{username}:{password}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                # Credentials never follow a redirect to another host.
                if urlsplit(url).hostname != parts.hostname:
                    username = password = ""
                continue
            if response.status == 304:
                return Fetched(url=url, status=304, etag=etag, last_modified=last_modified)
            if not 200 <= response.status < 300:
                raise FetchFailed(f"HTTP {response.status} {response.reason}")
            content_type = response.getheader("Content-Type", "")
            if not _type_allowed(content_type, accept):
                raise FetchRefused(f"unexpected content type {content_type or 'none'}")
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchRefused(f"larger than {max_bytes} bytes")
            body = _read_bounded(response, connection, max_bytes=max_bytes, deadline=deadline)
            return Fetched(
                url=url,
                status=response.status,
                body=body,
                content_type=content_type,
                etag=response.getheader("ETag", ""),
                last_modified=response.getheader("Last-Modified", ""),
            )
        except TimeoutError as exc:
            raise FetchFailed(f"timed out after {timeout:g} s") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise FetchFailed(f"{exc.__class__.__name__}: {exc}") from exc
        finally:
            connection.close()
    raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")


def _read_bounded(response, connection, *, max_bytes: int, deadline: float) -> bytes:
    chunks, size = [], 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchFailed("timed out while reading")
        if connection.sock is not None:
            connection.sock.settimeout(remaining)
        chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchRefused(f"larger than {max_bytes} bytes")
        chunks.append(chunk)
