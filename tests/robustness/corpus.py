"""Small articles of our own, in the shapes Dossier ingests, for the hostile-corpus tests.

Each story is a different conflict, written for these tests; the containers (HTML page, RSS
feed, JSONL line, WARC record, gzip) are built here so a test can damage them on purpose.
"""

from __future__ import annotations

import gzip
import html
import io
import json

STORIES = {
    "sudan": (
        "Aid Convoy Reaches El Fasher After Weeks Blocked",
        "EL FASHER, Sudan, May 14, 2024 — A convoy of eleven trucks carrying food and medicine reached "
        "El Fasher on Tuesday after being held for three weeks at checkpoints, the World Food Programme "
        "said.\n\n"
        "The Rapid Support Forces have besieged the city since April, and local doctors said at least 27 "
        "people were killed in shelling over the weekend. \"We are rationing everything,\" said Adam "
        "Rizeigat, a nurse at the city's last working hospital.\n\n"
        "The army and the RSF blamed each other for the attacks. A spokesman for the RSF denied that its "
        "fighters had shelled residential areas and said the claims were baseless.",
    ),
    "ukraine": (
        "Drone Strike Cuts Power to Kharkiv Districts",
        "KHARKIV, Ukraine, March 22, 2024 — Russian drones struck an energy facility in Kharkiv overnight, "
        "leaving about 200,000 households without electricity, the regional governor Oleh Syniehubov said "
        "on Friday.\n\n"
        "Ukraine's air force said it shot down 31 of 34 drones launched during the night. Repair crews "
        "expected to restore supply within two days, the grid operator Ukrenergo said.\n\n"
        "\"The enemy is trying to leave the city in the dark,\" Syniehubov wrote on Telegram.",
    ),
    "sahel": (
        "Mali Junta Says Army Retook Northern Town",
        "BAMAKO, Mali, November 15, 2023 — Mali's army took control of the northern town of Kidal on "
        "Tuesday, the ruling junta said, after a week of fighting with Tuareg-led rebels.\n\n"
        "Colonel Assimi Goita said in a televised address that the army had restored state authority over "
        "the town for the first time in a decade. The rebel alliance said its fighters had withdrawn to "
        "spare civilians.\n\n"
        "Residents reported that at least 14 people had been killed in air strikes in the days before the "
        "army entered the town, a figure the junta did not confirm.",
    ),
    "myanmar": (
        "Resistance Forces Claim Capture of Border Post",
        "YANGON, Myanmar, January 8, 2024 — An alliance of ethnic armed groups said on Monday that it had "
        "captured a military command post near the Chinese border, forcing about 2,000 soldiers to "
        "surrender.\n\n"
        "The Three Brotherhood Alliance said in a statement that the capture of Laukkai ended the army's "
        "control of the Kokang region. Myanmar's military government did not respond to requests for "
        "comment.\n\n"
        "China said it had brokered talks between the two sides in Kunming.",
    ),
}

CHROME = ("Home | World | Politics | Opinion | Subscribe\n"
          "Share on Facebook   Share on Twitter   Email\n")
FOOTER = ("\nRelated: Ten things to know this week\n"
          "Sign up for our newsletter\n© 2024 Example News. All rights reserved.\n")


def scraped(key: str, *, variant: int = 0) -> str:
    """The story as scraped plain text, site chrome included (``variant`` changes only the chrome)."""
    title, body = STORIES[key]
    extra = f"Trending now: story {variant}\n" if variant else ""
    return f"{title}\n\n{CHROME}{extra}\nBy Staff Reporter\n\n{body}\n{FOOTER}"


def page(key: str) -> str:
    """The story as a saved HTML page."""
    title, body = STORIES[key]
    paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in body.split("\n\n"))
    return (f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{html.escape(title)}</h1>{paragraphs}</article>"
            f"<footer>© 2024 Example News</footer></body></html>")


def jsonl(keys: list[str]) -> str:
    return "".join(json.dumps({"url": f"https://news.example/{k}", "title": STORIES[k][0],
                               "text": STORIES[k][1]}) + "\n" for k in keys)


def rss(keys: list[str]) -> str:
    items = "".join(
        f"<item><title>{html.escape(STORIES[k][0])}</title><link>https://news.example/{k}</link>"
        f"<pubDate>Mon, 15 Jan 2024 10:00:00 GMT</pubDate>"
        f"<description>{html.escape(STORIES[k][1])}</description></item>" for k in keys)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Example News</title>"
            f"<link>https://news.example/</link><description>News</description>{items}</channel></rss>")


def warc(keys: list[str]) -> bytes:
    """A gzipped WARC with one HTML response per story."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for key in keys:
        payload = page(key).encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{key}", "response",
                                                      payload=io.BytesIO(payload), http_headers=headers))
    return out.getvalue()


def gz(data: bytes | str) -> bytes:
    return gzip.compress(data.encode("utf-8") if isinstance(data, str) else data, mtime=0)
