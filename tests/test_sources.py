"""Articles in web pages, RSS and Atom feeds, JSON Lines, CSV and WARC archives (kg.sources): what each
record gives, stable ids, and damaged records skipped without losing the rest of the file."""

from __future__ import annotations

import gzip
import io as stdio
import json
import uuid
from datetime import date
from pathlib import Path

import pytest

from kg import pipeline
from kg.errors import InputError
from kg.sources import read_source

PAGE = """<!doctype html><html><head><title>Harbour deal | The Northern Courier</title>
<link rel="canonical" href="https://courier.example/news/harbour-deal">
<meta property="og:site_name" content="The Northern Courier">
<meta name="author" content="Mara Lind">
<meta property="article:published_time" content="2025-11-20T09:30:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/sport">Sport</a> | <a href="/weather">Weather</a></nav>
<article><h1>Harbour deal</h1>
<p>The port authority of Eastvale signed an agreement with Blue Anchor Shipping on Thursday to expand the harbour.</p>
<p>The expansion will double the number of berths by 2027, the authority said in a statement.</p>
<p>Local fishermen have asked the council to keep one quay open for small boats during the work.</p>
</article><footer>Copyright Northern Courier. Cookie settings. Subscribe.</footer></body></html>"""


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- web pages

def test_web_page_gives_main_text_and_metadata(tmp_path):
    docs, problems = read_source(_write(tmp_path / "harbour.html", PAGE))
    assert problems == [] and len(docs) == 1
    doc = docs[0]
    assert doc.doc_id == "harbour"
    assert doc.title == "Harbour deal" and doc.author == "Mara Lind"
    assert doc.url == "https://courier.example/news/harbour-deal"
    assert doc.publisher == "The Northern Courier"
    assert doc.date == date(2025, 11, 20)
    assert "Blue Anchor Shipping" in doc.text and "fishermen" in doc.text
    assert "Cookie settings" not in doc.text and "Weather" not in doc.text  # boilerplate left out
    assert "\n\n" in doc.text  # paragraphs stay apart for the sentence splitter


def test_web_page_without_article_text_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"empty\.html: no article text found in the page"):
        read_source(_write(tmp_path / "empty.html", "<html><head><title>x</title></head><body><p> </p><script>var a = 1;</script></body></html>"))


# ---------------------------------------------------------------- feeds

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Times - Region</title><link>https://valley.example/</link>
<item><title>Mill reopens</title><link>https://valley.example/mill</link><guid>valley-mill-1</guid>
<pubDate>Mon, 01 Dec 2025 07:00:00 GMT</pubDate><author>ed@valley.example (Ann Berg)</author>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The old paper mill in Riverton reopened on Sunday.</p><p>Its new owner, Pine Works, hired forty people.</p>]]></content:encoded></item>
<item><title>Bridge closed</title><link>https://valley.example/bridge</link><guid>valley-bridge-2</guid>
<pubDate>Tue, 02 Dec 2025 07:00:00 GMT</pubDate>
<description>&lt;p&gt;The Stone Bridge in Riverton was closed for repairs, the council said.&lt;/p&gt;</description></item>
<item><title>Nothing here</title><guid>valley-empty-3</guid></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Wire</title><id>urn:harbour-wire</id>
<updated>2025-11-03T10:00:00Z</updated>
<entry><title>Ferry strike</title><id>urn:uuid:1c7c3f0e-0000-4000-8000-000000000001</id>
<link href="https://wire.example/ferry"/><updated>2025-11-03T10:00:00Z</updated>
<author><name>Jon Sato</name></author>
<content type="html">&lt;p&gt;Ferry crews in Portmore began a two-day strike on Monday.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_entries_are_articles_with_content_or_summary(tmp_path):
    docs, problems = read_source(_write(tmp_path / "valley.rss", RSS))
    assert [d.title for d in docs] == ["Mill reopens", "Bridge closed"]
    mill, bridge = docs
    assert mill.text == "The old paper mill in Riverton reopened on Sunday.\n\nIts new owner, Pine Works, hired forty people."
    assert bridge.text == "The Stone Bridge in Riverton was closed for repairs, the council said."
    assert mill.date == date(2025, 12, 1) and mill.url == "https://valley.example/mill"
    assert mill.publisher == "Valley Times - Region" and mill.record == "entry 1 (valley-mill-1)"
    assert mill.doc_id == "valley-valley-mill-1" and bridge.doc_id == "valley-valley-bridge-2"
    messages = [(p.kind, p.message) for p in problems]
    assert ("skipped", "entry 3 (valley-empty-3): entry has no content and no summary") in messages
    assert any(kind == "note" and "1 of 2 entries read from their summary" in m and "entries 2" in m
               for kind, m in messages)


def test_atom_entry(tmp_path):
    docs, problems = read_source(_write(tmp_path / "wire.atom", ATOM))
    assert problems == [] and len(docs) == 1
    assert docs[0].author == "Jon Sato" and docs[0].publisher == "Harbour Wire"
    assert docs[0].date == date(2025, 11, 3) and docs[0].text.startswith("Ferry crews in Portmore")


def test_xml_that_is_not_a_feed_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"notes\.xml: not an RSS or Atom feed"):
        read_source(_write(tmp_path / "notes.xml", "<?xml version='1.0'?><notes><note>hi</note></notes>"))


def test_feed_cut_short_keeps_the_entries_before_the_damage(tmp_path):
    cut = RSS[: RSS.index("<item><title>Bridge closed")] + "<item><title>Brid"
    docs, _ = read_source(_write(tmp_path / "cut.xml", cut))
    assert [d.title for d in docs][:1] == ["Mill reopens"]


# ---------------------------------------------------------------- JSON Lines and CSV

def test_jsonl_default_fields_and_damaged_lines(tmp_path):
    lines = [json.dumps({"id": "a-17", "text": "Harbor officials in Eastvale met on Monday.", "date": "2025-10-01",
                         "title": "Meeting", "url": "https://n.example/a", "source": {"name": "Eastvale Post"},
                         "author": ["Kim Ode", "Lu Pak"]}),
             "{not json",
             json.dumps(["a", "list"]),
             json.dumps({"title": "no text here"}),
             "",
             json.dumps({"body": "The council of Westvale voted on the budget."})]
    docs, problems = read_source(_write(tmp_path / "export.jsonl", "\n".join(lines) + "\n"))
    assert [d.doc_id for d in docs] == ["export-a-17", "export-line-6"]
    first = docs[0]
    assert (first.title, first.url, first.publisher, first.author, first.date) == (
        "Meeting", "https://n.example/a", "Eastvale Post", "Kim Ode, Lu Pak", date(2025, 10, 1))
    assert first.record == "line 1"
    assert [(p.kind, p.message) for p in problems] == [
        ("skipped", "line 2: not valid JSON (Expecting property name enclosed in double quotes)"),
        ("skipped", "line 3: not a JSON object but list"),
        ("skipped", "line 4: no text (column text/body/content/article/full_text); map it with --field text=COLUMN"),
    ]
    assert all(p.path.endswith("export.jsonl") for p in problems)


def test_jsonl_fields_mapped(tmp_path):
    record = {"copy": "Rail workers in Northfield went on strike.", "when": "2025-09-09T12:00:00+02:00",
              "hed": "Rail strike", "href": "https://r.example/1", "paper": "Northfield Herald"}
    docs, problems = read_source(_write(tmp_path / "r.jsonl", json.dumps(record)),
                                 fields={"text": "copy", "date": "when", "title": "hed", "url": "href",
                                         "source": "paper"})
    assert problems == []
    assert (docs[0].title, docs[0].date, docs[0].publisher) == ("Rail strike", date(2025, 9, 9), "Northfield Herald")


def test_csv_records_mapped_and_bad_rows_skipped(tmp_path):
    rows = ('headline,body,published,link,outlet\r\n'
            'Dam opens,"The new dam on the Grey River opened, officials said.\n\nIt cost millions.",'
            '2025-08-01,https://c.example/dam,Grey Valley News\r\n'
            'Extra,too,many,cells,here,and,more\r\n'
            'Quiet day,,2025-08-02,https://c.example/q,Grey Valley News\r\n'
            'Vote,The town of Ashford voted.,01 Aug 2025,https://c.example/v,Grey Valley News\r\n')
    docs, problems = read_source(_write(tmp_path / "news.csv", rows),
                                 fields={"text": "body", "date": "published", "title": "headline", "url": "link",
                                         "source": "outlet"})
    assert [d.title for d in docs] == ["Dam opens", "Vote"]
    assert docs[0].text == "The new dam on the Grey River opened, officials said.\n\nIt cost millions."
    assert docs[1].date == date(2025, 8, 1) and docs[1].doc_id == "news-row-4"
    assert [p.message for p in problems] == ["row 2 (line 5): 7 cells for 5 columns",
                                             "row 3 (line 6): no text (column body); map it with --field text=COLUMN"]


def test_record_ids_stay_when_records_are_appended(tmp_path):
    path = tmp_path / "feed.jsonl"
    one = json.dumps({"text": "Ships left Eastvale harbour."})
    two = json.dumps({"text": "Snow closed the Northfield pass."})
    _write(path, one + "\n")
    before = [d.doc_id for d in read_source(path)[0]]
    _write(path, one + "\n" + two + "\n")
    after = [d.doc_id for d in read_source(path)[0]]
    assert after[: len(before)] == before and len(set(after)) == 2


def test_unknown_field_is_refused(tmp_path):
    with pytest.raises(InputError, match="unknown field"):
        read_source(_write(tmp_path / "x.jsonl", "{}\n"), fields={"colour": "x"})


# ---------------------------------------------------------------- WARC

def _warc(records: list[tuple[str, str, bytes]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = stdio.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, ctype, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        # a fixed date and record id, so that the same records give the same bytes (a damaged one included)
        fixed = {"WARC-Date": "2026-01-03T12:00:00Z", "WARC-Record-ID": f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}>"}
        writer.write_record(writer.create_warc_record(url, "response", payload=stdio.BytesIO(body),
                                                      http_headers=headers, warc_headers_dict=fixed))
    return out.getvalue()


SECOND_PAGE = PAGE.replace("Harbour deal", "Quay vote").replace("harbour-deal", "quay-vote").replace(
    "Blue Anchor Shipping", "Red Sail Lines")


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_are_articles(tmp_path, gz):
    data = _warc([("https://courier.example/news/harbour-deal", "text/html; charset=utf-8", PAGE.encode()),
                  ("https://courier.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
                  ("https://courier.example/news/quay-vote", "text/html", SECOND_PAGE.encode())], gz)
    name = "crawl.warc.gz" if gz else "crawl.warc"
    docs, problems = read_source(_write(tmp_path / name, data))
    assert problems == []
    assert [d.title for d in docs] == ["Harbour deal", "Quay vote"]
    assert docs[0].record.startswith("record <urn:uuid:") and docs[0].publisher == "The Northern Courier"
    assert len({d.doc_id for d in docs}) == 2 and all(d.doc_id.startswith("crawl-") for d in docs)
    assert [d.doc_id for d in read_source(tmp_path / name)[0]] == [d.doc_id for d in docs]  # stable


@pytest.mark.parametrize("gz", [False, True])
def test_warc_damaged_record_is_skipped_and_the_rest_read(tmp_path, gz):
    parts = [_warc([(f"https://courier.example/{n}", "text/html", page.encode())], gz)
             for n, page in enumerate([PAGE, SECOND_PAGE, PAGE.replace("Harbour deal", "Third story")])]
    if gz:  # a gzip member whose compressed bytes are damaged
        damaged = parts[1][:40] + bytes(b ^ 0x5A for b in parts[1][40:200]) + parts[1][200:]
    else:  # a record whose header line is damaged
        damaged = parts[1].replace(b"WARC/1.0", b"WXRC/1.0", 1)
    docs, problems = read_source(_write(tmp_path / "bad.warc", parts[0] + damaged + parts[2]))
    assert [d.title for d in docs] == ["Harbour deal", "Third story"]
    assert len(problems) == 1 and problems[0].kind == "skipped"
    assert problems[0].message.startswith("record after the one at byte 0: cannot be read")


def test_not_a_warc_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"junk\.warc: not a WARC archive"):
        read_source(_write(tmp_path / "junk.warc", b"hello, this is not an archive\n" * 10))


def test_gzip_of_garbage_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"junk\.warc\.gz: not a WARC archive"):
        read_source(_write(tmp_path / "junk.warc.gz", gzip.compress(b"no warc here\n")))


# ---------------------------------------------------------------- in a build

def test_read_documents_mixes_kinds_with_unique_ids(tmp_path):
    _write(tmp_path / "story.txt", "date 2025-11-01\nThe mayor of Eastvale opened a school.\n")
    _write(tmp_path / "story.html", PAGE)
    _write(tmp_path / "story.rss", RSS)
    problems: list = []
    docs = pipeline.read_documents([tmp_path], None, problems)
    ids = [d.doc_id for d in docs]
    assert len(ids) == len(set(ids)) == 4
    assert "story" in ids and "story-2" in ids
    assert any(p.message.startswith("entry 3") for p in problems)


@pytest.mark.model
def test_build_of_every_kind_gives_article_metadata_and_one_outlet_node(tmp_path):
    from rdflib import URIRef

    from kg.ontology import DCTERMS, SCHEMA
    from kg.query import load_graph, run_query
    from kg.validate import validate_graph

    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "plain.txt", "date 2025-11-01\nThe Valley Times reported that the mayor of Riverton resigned.\n")
    _write(folder / "page.html", PAGE)
    _write(folder / "valley.rss", RSS)
    _write(folder / "wire.atom", ATOM)
    _write(folder / "export.jsonl", json.dumps({"text": "Ferry crews in Portmore ended their strike, according "
                                                        "to the Harbour Wire.", "date": "2025-11-05",
                                                "source": "Harbour Wire", "title": "Strike ends"}) + "\n")
    _write(folder / "table.csv", "text,date,source\n\"Snow closed the pass near Northfield.\",2025-12-03,Valley Times\n")
    _write(folder / "crawl.warc", _warc([("https://courier.example/news/quay-vote", "text/html",
                                          SECOND_PAGE.encode())], False))
    out = tmp_path / "out"
    result = pipeline.build([folder], out)
    g = result.graph
    articles = set(g.subjects(DCTERMS.title, None))
    assert len(articles) == 6  # every article but the plain text has a title
    assert g.value(URIRef("https://kg-news.org/id/article/page"), SCHEMA.url) == URIRef(
        "https://courier.example/news/harbour-deal")
    answer = run_query(load_graph(out), """SELECT ?outlet (COUNT(?a) AS ?n) WHERE {
        ?a dcterms:publisher ?o . ?o rdfs:label ?outlet } GROUP BY ?outlet ORDER BY ?outlet""")
    counts = {str(r[0]): int(r[1]) for r in answer.rows}
    assert counts == {"Harbour Wire": 2, "The Northern Courier": 2, "Valley Times": 3}
    report = validate_graph(load_graph(out))
    assert report.conforms, report.text(str(out))
    # a new feed entry: only it is analysed again, the others keep their ids
    _write(folder / "valley.rss", RSS.replace("</channel>", "<item><title>Fair</title><guid>valley-fair-4</guid>"
                                                            "<description>The Riverton fair opened.</description>"
                                                            "</item></channel>"))
    again = pipeline.build([folder], out)
    assert again.analysed == 1 and again.reused == len(result.extractions)
    assert {ex.doc.doc_id for ex in result.extractions} < {ex.doc.doc_id for ex in again.extractions}
