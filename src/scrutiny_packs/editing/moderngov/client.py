"""Asking a ModernGov web service (``BASE/mgWebService.asmx``) one operation, by GET or SOAP 1.1.

The service is not officially documented; what is relied on here is what public clients agree on:
each operation answers ``BASE/mgWebService.asmx/<Op>?name=value`` with XML, and a SOAP 1.1 POST to
``BASE/mgWebService.asmx`` with ``SOAPAction: http://moderngov.co.uk/namespaces/<Op>``. Some servers
refuse clients that do not look like a browser, and some take half a minute to answer.

Every failure comes back as one ``Problem`` naming the address and what went wrong; nothing raises.
The XML is read with defusedxml: no entity expansion, no external entities, no DTDs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import escape

import requests
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from scrutiny_packs.problems import Problem

NAMESPACE = "http://moderngov.co.uk/namespaces"
SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/"
SERVICE = "mgWebService.asmx"
# Some councils' servers answer 403 to clients that do not name a browser.
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
DEFAULT_TIMEOUT = 60.0  # seconds; some servers take 30-40 s to answer
MAX_BYTES = 20_000_000  # an agenda is kilobytes; a committee's whole history a few megabytes


@dataclass(frozen=True, slots=True)
class Service:
    """Where a council's ModernGov web service is, and how to ask it."""

    base_url: str  # e.g. https://democracy.example.gov.uk (no trailing slash)
    soap: bool = False
    timeout: float = DEFAULT_TIMEOUT

    @property
    def endpoint(self) -> str:
        return f"{self.base_url}/{SERVICE}"

    def page(self, name: str, **query: object) -> str:
        """The address of one of the council's public pages, e.g. ``mgAi.aspx?ID=12``."""
        return f"{self.base_url}/{name}?{urlencode(query)}"


def service_for(
    base_url: str, soap: bool = False, timeout: float = DEFAULT_TIMEOUT
) -> tuple[Service | None, Problem | None]:
    """The service at a council's committee site, given as its address (with or without
    ``/mgWebService.asmx``)."""
    url = base_url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None, Problem(
            "--moderngov",
            None,
            "",
            f"{url!r} is not a web address",
            "give the council's committee site, e.g. https://democracy.example.gov.uk",
        )
    path = re.sub(rf"/?{re.escape(SERVICE)}(/.*)?$", "", parts.path, flags=re.IGNORECASE).rstrip("/")
    return Service(f"{parts.scheme}://{parts.netloc}{path}", soap, timeout), None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _soap_body(operation: str, params: dict[str, str]) -> bytes:
    fields = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in params.items())
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<soap:Envelope xmlns:soap="{SOAP_ENVELOPE}"><soap:Body>'
        f'<{operation} xmlns="{NAMESPACE}">{fields}</{operation}>'
        "</soap:Body></soap:Envelope>"
    ).encode()


def _read(response: requests.Response) -> bytes | None:
    data = b""
    for chunk in response.iter_content(65536):
        data += chunk
        if len(data) > MAX_BYTES:
            return None
    return data


def _parse(data: bytes) -> Element | None:
    try:
        return fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError):
        return None


def _payload(root: Element) -> tuple[Element | None, str]:
    """The operation's answer inside a SOAP envelope or a GET's wrapper, or (None, a SOAP fault's text).

    An answer written as escaped XML text (``<string>&lt;meeting&gt;...``) is read as XML."""
    node = root
    if _local(node.tag) == "envelope":
        body = next((c for c in node if _local(c.tag) == "body"), None)
        first = next(iter(body), None) if body is not None else None
        if first is None:
            return None, "an empty SOAP answer"
        if _local(first.tag) == "fault":
            text = next((c.text for c in first if _local(c.tag) == "faultstring"), None) or "a SOAP fault"
            return None, " ".join(text.split())[:200]
        node = first  # <OpResponse>
        result = next((c for c in node if _local(c.tag).endswith("result")), None)
        if result is not None:
            node = result
    if len(node) == 0 and (node.text or "").strip().startswith("<"):
        inner = _parse((node.text or "").strip().encode("utf-8"))
        if inner is None:
            return None, "XML inside the answer that cannot be read"
        return inner, ""
    return node, ""


def call(service: Service, operation: str, **params: object) -> tuple[Element | None, Problem | None]:
    """Ask ``operation`` with ``params``; the answer's XML (its payload, outside any envelope) or one problem."""
    values = {k: str(v) for k, v in params.items()}
    if service.soap:
        where = service.endpoint
        send: dict = {
            "method": "POST",
            "url": where,
            "data": _soap_body(operation, values),
            "headers": {
                "User-Agent": USER_AGENT,
                "Content-Type": "text/xml; charset=utf-8",
                "SOAPAction": f'"{NAMESPACE}/{operation}"',
            },
        }
    else:
        where = f"{service.endpoint}/{operation}" + (f"?{urlencode(values)}" if values else "")
        send = {
            "method": "GET",
            "url": where,
            "headers": {"User-Agent": USER_AGENT, "Accept": "text/xml, application/xml"},
        }

    def problem(message: str, hint: str = "") -> tuple[None, Problem]:
        return None, Problem(where, None, "", message, hint)

    try:
        with requests.request(**send, timeout=service.timeout, stream=True, allow_redirects=True) as response:
            status = response.status_code
            data = _read(response)
    except requests.exceptions.Timeout:
        return problem(
            f"timed out: no answer within {service.timeout:g} s",
            "some councils' servers are slow: try again, or a longer --timeout",
        )
    except requests.exceptions.SSLError:
        return problem(
            "refused: its certificate could not be checked", "check the address begins with the council's own site"
        )
    except requests.exceptions.ConnectionError:
        return problem("refused: could not connect", "check the address, and that the site is up")
    except requests.exceptions.RequestException as exc:
        return problem(f"could not be asked ({type(exc).__name__})")
    if data is None:
        return problem(f"answered with more than {MAX_BYTES // 1_000_000} MB", "not a ModernGov web service's answer")
    if status in (401, 403):
        return problem(
            f"refused: HTTP {status}", "the council's server refuses this client; try --soap, or ask the council"
        )
    if status == 404:
        return problem(
            "not ModernGov: no web service at this address (HTTP 404)",
            "give the address of the council's committee site",
        )
    root = _parse(data) if data else None
    if status >= 400 and root is None:
        return problem(f"answered HTTP {status}")
    if root is None or _local(root.tag) == "html":
        looks = "a web page" if data.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")) else "something"
        return problem(
            f"not ModernGov: answered with {looks}, not the web service's XML",
            "give the address of the council's committee site",
        )
    payload, fault = _payload(root)
    if payload is None:
        return problem(f"answered with {fault}")
    return payload, None
