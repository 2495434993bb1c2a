"""A fake ModernGov web service on 127.0.0.1, written from the shapes public clients describe.

It answers GetCommittees, GetMeetings and GetMeeting by plain GET and by SOAP 1.1, and has every
trap a real council's server has: it refuses a client that does not name a browser (403), reads only
dd/mm/yyyy dates (anything else, and it sends the committee's whole history), escapes some text
twice, writes counts with a leading space and booleans as True/False, and marks some items
restricted. The first part of the path picks how it behaves:

    /ok/...         as described above
    /nodates/...    also ignores dd/mm/yyyy dates: every meeting, every time
    /slow/...       answers after SLOW seconds
    /forbidden/...  403 to everyone
    /html/...       a council's web page, not the service
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from defusedxml.ElementTree import fromstring

NS = "http://moderngov.co.uk/namespaces"
SLOW = 3.0

COMMITTEES = [(140, "Children and Young People Scrutiny Panel"), (141, "Corporate Parenting Board")]
# (meeting id, committee id, dd/mm/yyyy)
HISTORY = [
    (6900, 140, "12/03/2026"),
    (6950, 140, "15/10/2026"),
    (7001, 140, "14/01/2027"),
    (7002, 140, "11/03/2027"),
    (7100, 141, "20/01/2027"),
]
# agenda items of meeting 7001: (id, number, title as sent (already XML-escaped), text, restricted)
ITEMS_7001 = [
    (50001, " 1", "Apologies for absence", "", "False"),
    (50002, " 2", "Minutes of the previous meeting", "", "False"),
    (
        50005,
        " 5",
        "Children missing education",
        (
            "&lt;p&gt;A report on children of school age who are on no school roll, and on elective home education.&lt;/p&gt;"
        ),
        "False",
    ),
    # Escaped twice: the title reads "Domestic abuse: children's services & schools".
    (50006, " 6", "Domestic abuse: children&amp;amp;#39;s services &amp;amp; schools", "", "False"),
    (50007, " 7", "Contract award for residential placements", "", "True"),
    (50008, " 8", "Foster carer allowances review (Exempt information)", "", "False"),
    (50009, " 9", "Part 2 - Staffing restructure", "", "False"),
]


def _committees_xml() -> str:
    rows = "".join(
        f"<committee><committeeid> {cid}</committeeid><committeetitle>{escape(t)}</committeetitle></committee>"
        for cid, t in COMMITTEES
    )
    return f"<committees><committeecount> {len(COMMITTEES)}</committeecount>{rows}</committees>"


def _meetings_xml(committee: int, first: tuple | None, last: tuple | None) -> str:
    def key(d: str) -> tuple:
        day, month, year = d.split("/")
        return int(year), int(month), int(day)

    rows = []
    for mid, cid, date in HISTORY:
        if cid != committee:
            continue
        if first and last and not (first <= key(date) <= last):
            continue
        rows.append(
            f"<meeting><meetingid> {mid}</meetingid><meetingdate>{date}</meetingdate>"
            f"<meetingtime>6.30 pm</meetingtime><meetingstatus>Confirmed</meetingstatus>"
            f"<meetinglocation>Committee Room 2, Civic Centre</meetinglocation><committeeid> {cid}</committeeid></meeting>"
        )
    return f"<getmeetings><meetingcount> {len(rows)}</meetingcount><meetings>{''.join(rows)}</meetings></getmeetings>"


def _meeting_xml(meeting_id: int) -> str:
    if meeting_id not in (7001, 7002):
        return "<getmeeting></getmeeting>"
    items = "".join(
        f"<agendaitem><agendaitemid> {iid}</agendaitemid><agendaitemnumber>{num}</agendaitemnumber>"
        f"<fulldisplaynumberformat>{num.strip()}.</fulldisplaynumberformat>"
        f"<agendaitemtitle>{title}</agendaitemtitle><agendatext>{text}</agendatext>"
        f"<isrestricted>{restricted}</isrestricted>"
        f"<linkeddocuments><linkeddoc><title>Report</title><url>http://example.invalid/doc{iid}.pdf</url>"
        f"<isrestricted>{restricted}</isrestricted></linkeddoc></linkeddocuments></agendaitem>"
        for iid, num, title, text, restricted in ITEMS_7001
    )
    # Meeting 7002 names its committee by id only: the title comes from GetCommittees.
    committee = (
        "<committee><committeeid> 140</committeeid>"
        "<committeetitle>Children and Young People Scrutiny Panel</committeetitle></committee>"
        if meeting_id == 7001
        else "<committeeid> 140</committeeid>"
    )
    date = "14/01/2027" if meeting_id == 7001 else "11/03/2027"
    return (
        f"<getmeeting><meeting><meetingid> {meeting_id}</meetingid><meetingdate>{date}</meetingdate>"
        "<meetingtime>6.30 pm</meetingtime><meetingstatus>Confirmed</meetingstatus>"
        "<meetinglocation>Committee Room 2, Civic Centre</meetinglocation>"
        f"{committee}<agendaitems>{items}</agendaitems></meeting></getmeeting>"
    )


def _dmy(text: str) -> tuple | None:
    parts = text.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None  # an ISO date, or anything else: read as no date at all
    return int(parts[2]), int(parts[1]), int(parts[0])


@dataclass
class Fake:
    base: str  # http://127.0.0.1:PORT
    requests: list[dict] = field(default_factory=list)  # what each request asked

    def url(self, mode: str = "ok") -> str:
        return f"{self.base}/{mode}"


def answer(operation: str, params: dict[str, str], ignore_dates: bool) -> str | None:
    if operation == "GetCommittees":
        return _committees_xml()
    if operation == "GetMeetings":
        first, last = _dmy(params.get("sFromDate", "")), _dmy(params.get("sToDate", ""))
        if ignore_dates:
            first = last = None
        return _meetings_xml(int(params.get("lCommitteeId", "0").strip() or 0), first, last)
    if operation == "GetMeeting":
        return _meeting_xml(int(params.get("lMeetingId", "0").strip() or 0))
    return None


def make_handler(fake: Fake):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet
            pass

        def _send(self, status: int, body: str, kind: str = "text/xml; charset=utf-8") -> None:
            data = body.encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (the slow server)
                pass

        def _mode(self) -> tuple[str, str]:
            parts = urlsplit(self.path).path.split("/", 2)
            return (parts[1] if len(parts) > 1 else ""), "/" + (parts[2] if len(parts) > 2 else "")

        def _gate(self, mode: str) -> bool:
            if mode == "slow":
                time.sleep(SLOW)
            if mode == "forbidden" or "Mozilla/" not in self.headers.get("User-Agent", ""):
                self._send(403, "<html><body>Forbidden</body></html>", "text/html")
                return False
            if mode == "html":
                self._send(
                    200,
                    "<!DOCTYPE html><html><head><title>Council</title></head><body>Welcome</body></html>",
                    "text/html",
                )
                return False
            return True

        def do_GET(self) -> None:
            mode, path = self._mode()
            if not self._gate(mode):
                return
            operation = path.removeprefix("/mgWebService.asmx/")
            params = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
            fake.requests.append({"how": "GET", "operation": operation, **params})
            body = answer(operation, params, mode == "nodates") if path.startswith("/mgWebService.asmx/") else None
            if body is None:
                self._send(404, "<html><body>Not found</body></html>", "text/html")
                return
            self._send(200, '<?xml version="1.0" encoding="utf-8"?>' + body)

        def do_POST(self) -> None:
            mode, path = self._mode()
            data = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if not self._gate(mode):
                return
            envelope = fromstring(data)
            call = next(iter(next(iter(envelope))))  # Envelope/Body/<Op>
            namespace, operation = call.tag[1:].split("}")
            params = {child.tag.split("}")[-1]: (child.text or "") for child in call}
            fake.requests.append({"how": "SOAP", "operation": operation, **params})
            body = answer(operation, params, mode == "nodates")
            if (
                path != "/mgWebService.asmx"
                or namespace != NS
                or self.headers.get("SOAPAction") != f'"{NS}/{operation}"'
                or body is None
            ):
                fault = "<faultcode>soap:Client</faultcode><faultstring>Server did not recognize the value of HTTP Header SOAPAction.</faultstring>"
                self._send(
                    500,
                    f'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>{fault}</soap:Fault></soap:Body></soap:Envelope>',
                )
                return
            # GetMeetings' result comes back as escaped text, the others as elements: servers do both.
            result = escape(body) if operation == "GetMeetings" else body
            self._send(
                200,
                '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
                f'<soap:Body><{operation}Response xmlns="{NS}"><{operation}Result>{result}</{operation}Result>'
                f"</{operation}Response></soap:Body></soap:Envelope>",
            )

    return Handler


def serve():
    """Start the fake on an ephemeral port; yields a Fake, stops it afterwards."""
    fake = Fake("")
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(fake))
    server.daemon_threads = True
    fake.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
