#!/usr/bin/env python3
"""Writes the seed corpora under fuzz/corpus/<target>/.

The sentences are written for this project (not taken from any corpus).
Legacy-encoded seeds use the byte tables of ../shared/spec/orthography.md §4
(TCVN3 and VNI tables parsed from it when present) and Python's cp1258 codec.
Run from the repository root: python3 fuzz/make_seeds.py
"""
import hashlib
import os
import re
import unicodedata

ROOT = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(ROOT, "..", "..", "shared", "spec", "orthography.md")

SENTENCES = [
    "Sáng nay, Hội Nông dân xã Hòa Bình trao 120 con bò giống cho các hộ khó khăn.",
    "Giá lúa tăng 3,5% so với cùng kỳ; tổng thu đạt 1.250.000.000 đồng (khoảng 1,25 tỷ).",
    "Ngày 15/8/2024, UBND tỉnh Quảng Trị họp bàn kế hoạch năm 2025.",
    "TP.HCM có thêm 12 trường học mới. PGS.TS. Trần Minh An phát biểu khai mạc.",
    "Chương trình “Mùa xuân biên giới” tặng 500 suất quà, mỗi suất trị giá 300.000 đ.",
    "Cô ấy nói: “(Tôi [nghĩ] «vậy».)” Rồi đi tiếp!",
    "Liên hệ: lienhe@vidu.vn hoặc https://vidu.vn/tin-tuc/a-b.html.",
    "Từ 5-7% hộ dân có hơn 40 con trâu; 104/104 hộ đã ký cam kết.",
    "Quý III/2025 doanh thu đạt 2,5 triệu USD, lúc 20h10 tối thứ Bảy.",
    "#HàNội @ban_be v.v. ... Thuỷ lợi, hoà giải, khoẻ mạnh, uỷ ban.",
    "Hòa bình, thủy điện, khỏe re, ủy viên, quý khách, lòe loẹt.",
    "Sở GD&ĐT tỉnh Đắk Lắk công bố Quyết định 1234/QĐ-UBND ngày 2-9-2025.",
    "Ông Lê Văn Bình, Chủ tịch Hội Cựu chiến binh phường Tân Định, cho biết vậy.",
    "Khoảng 10^40 tỷ đồng là con số vô nghĩa; 79.228.162.514.264.337.593.543.950.336 đồng cũng thế.",
    "Xin\u00a0chào\u200b bạn  ơi,\t“đẹp” ‘lắm’ Ðà Nẵng ðẹp\u00ad quá\ufeff!",
    "Dòng một.\n\nDòng hai sau dòng trống.\nDòng ba?\r\nXong…",
]

NUMBERS = [
    "1.500.000", "92,9", "1.500.000,5", "2024", "0", "007", "hai mươi mốt",
    "một trăm linh năm", "3 tỷ", "2,5 triệu", "1 nghìn tỷ", "mười lăm", "1,000.5",
    "99999999999999999999999999999", "0,00000000000000000000000000001",
    "1" + "0" * 40 + " tỷ", "-5", "+3", " 12 ", "1.2.3", "1,,2", "..", "tư", "năm mươi lăm",
]

JUNK = [
    b"", b"\xff\xfe\x00", b"\xc3", b"\xe1\xbb", b"\xf0\x9f\x98", b"\x00\x01\x02\x7f",
    "\u0301\u0323\u0300abc\u0301".encode(), "\u202e\u05d0\u0628 ok".encode(),
    "😀👍🏽🇻🇳 x".encode(), ("(" * 40 + ")" * 40).encode(), ("“" * 20).encode(),
    b"a" * 300, b"1." * 150, b"www." + b"a" * 100, b"a@" * 50, b"a.b." * 60,
    "\uac00\u11a8 \u1100\u1161".encode(), "ǅ ǈ ǋ ᾈ".encode(), "İ ß ﬁ ŉ".encode(),
]


def nfd(s):
    return unicodedata.normalize("NFD", s)


def tcvn3_table():
    table = {}
    if not os.path.exists(SPEC):
        return table
    for line in open(SPEC, encoding="utf-8"):
        m = re.match(r"\| ([0-9A-F]{2}) \| (\S+) \| U\+([0-9A-F]{4,5}) \|", line)
        if m and int(m.group(1), 16) >= 0xA0:
            ch = chr(int(m.group(3), 16))
            table.setdefault(ch, int(m.group(1), 16))
            table.setdefault(ch.upper(), int(m.group(1), 16))
    return table


def vni_table():
    table = {}
    if not os.path.exists(SPEC):
        return table
    for line in open(SPEC, encoding="utf-8"):
        for m in re.finditer(r"\| (\S) \| ((?:[0-9A-F]{2} ?)+) \| \S+ ", line):
            table.setdefault(m.group(1), bytes.fromhex(m.group(2)))
    return table


def encode_with(table, s):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", s):
        if ord(ch) < 0x80:
            out.append(ord(ch))
        elif ch in table:
            t = table[ch]
            out += t if isinstance(t, bytes) else bytes([t])
        else:
            out += b"?"
    return bytes(out)


def cp1258(s):
    # Shape marks stay composed; tone marks become combining bytes.
    out = []
    for ch in unicodedata.normalize("NFC", s):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        d = nfd(ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in "\u0300\u0301\u0303\u0309\u0323"))
        tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
        try:
            out.append((base + tones).encode("cp1258"))
        except UnicodeEncodeError:
            out.append(b"?")
    return b"".join(out)


VIQR_MARKS = {"\u0306": "(", "\u0302": "^", "\u031b": "+", "\u0301": "'", "\u0300": "`",
              "\u0309": "?", "\u0303": "~", "\u0323": "."}


def viqr(s):
    out = []
    for ch in unicodedata.normalize("NFC", s):
        if ch in "đĐ":
            out.append("dd" if ch == "đ" else "DD")
            continue
        d = nfd(ch)
        shape = [VIQR_MARKS[c] for c in d[1:] if c in "\u0306\u0302\u031b"]
        tone = [VIQR_MARKS[c] for c in d[1:] if c in VIQR_MARKS and c not in "\u0306\u0302\u031b"]
        out.append(d[0] + "".join(shape) + "".join(tone))
    return "".join(out).encode("ascii", "replace")


def write(target, data):
    d = os.path.join(ROOT, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def main():
    texts = [s.encode() for s in SENTENCES]
    texts += [nfd(s).encode() for s in SENTENCES[:6]]
    texts += JUNK
    for t in ["tokenize", "sentences", "words", "extract", "fold"]:
        for b in texts:
            write(t, b)
    for i, b in enumerate(texts):
        write("normalize_keep", bytes([i * 7 % 32]) + b)
        write("normalize_old", bytes([i * 11 % 32]) + b)
        write("normalize_new", bytes([i * 13 % 32]) + b)
        write("normalize_cleanups", bytes([i * 37 % 256]) + b)
        write("normalize_map", bytes([i * 41 % 256]) + b)
    for i, n in enumerate(NUMBERS):
        write("parse_number", bytes([i % 256]) + n.encode())
    for i, b in enumerate(JUNK[:12]):
        write("parse_number", bytes([i]) + b)
    tc, vn = tcvn3_table(), vni_table()
    for s in SENTENCES[:8]:
        write("legacy", s.encode())
        write("legacy", cp1258(s))
        write("legacy", viqr(s))
        if tc:
            write("legacy", encode_with(tc, s))
        if vn:
            write("legacy", encode_with(vn, s))
    for b in JUNK:
        write("legacy", b)
    write("legacy", bytes(range(256)))


if __name__ == "__main__":
    main()
