#!/usr/bin/env python3
"""Avro test cases for PipeTopCoreTests (AvroDecoderTests, AvroDecoderFuzzTests), written by
fastavro's schemaless_writer: the encoder confluent-kafka's AvroSerializer uses.

Run by the Swift tests at test time with .build-kafka/venv/bin/python (set up by
`scripts/kafka-env`, which `make test` runs). Prints one JSON object per line:

    {"name": ..., "schema": <schema JSON text>, "references": [<schema JSON text>...],
     "hex": <the datum's bytes>, "expected": <the natural JSON of the datum>}

The expected value is computed here, independently of fastavro's reader and of pipetop:
records as objects in field order, unions unwrapped, enums by symbol, bytes and fixed as
base64, dates and times as ISO 8601 / RFC 3339 text from Python's datetime, decimals as
their exact text (written as a JSON *string*, since JSON numbers cannot carry the text
exactly; pipetop writes them unquoted), non-finite doubles as "NaN"/"Infinity"/"-Infinity".
"""

import base64
import datetime
import decimal
import io
import json
import math
import struct
import sys
import uuid

import fastavro

UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)
EPOCH_DATE = datetime.date(1970, 1, 1)


def b64(b):
    return base64.b64encode(b).decode()


def f32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def dbl(x):
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def date_text(days):
    return (EPOCH_DATE + datetime.timedelta(days=days)).isoformat()


def time_text(value, per_second, digits):
    seconds, fraction = divmod(value, per_second)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h:02d}:{m:02d}:{s:02d}.{fraction:0{digits}d}"


def timestamp_text(value, per_second, digits, utc=True):
    seconds, fraction = divmod(value, per_second)
    t = EPOCH + datetime.timedelta(seconds=seconds)
    return t.replace(tzinfo=None).isoformat(timespec="seconds") + f".{fraction:0{digits}d}" + ("Z" if utc else "")


def decimal_text(d, scale):
    ctx = decimal.Context(prec=200)
    return format(d.quantize(decimal.Decimal(1).scaleb(-scale), context=ctx), "f")


CASES = []


def case(name, schema, value, expected, references=(), written_as=None):
    """`written_as`: the schema fastavro writes with, when it refuses `schema` itself."""
    CASES.append((name, schema, value, expected, list(references), written_as))


# --- primitives -----------------------------------------------------------------------------
PRIMS = {
    "type": "record", "name": "Prims", "fields": [
        {"name": "n", "type": "null"},
        {"name": "t", "type": "boolean"},
        {"name": "f", "type": "boolean"},
        {"name": "i", "type": "int"},
        {"name": "imin", "type": "int"},
        {"name": "l", "type": "long"},
        {"name": "lmin", "type": "long"},
        {"name": "fl", "type": "float"},
        {"name": "d", "type": "double"},
        {"name": "b", "type": "bytes"},
        {"name": "s", "type": "string"},
        {"name": "empty", "type": "string"},
    ]}
prims = {"n": None, "t": True, "f": False, "i": 2147483647, "imin": -2147483648,
         "l": 9223372036854775807, "lmin": -9223372036854775808, "fl": 0.1, "d": -1234.5e-7,
         "b": bytes([0, 1, 2, 250, 251, 255]), "s": "héllo wörld ✓ 😀", "empty": ""}
case("primitives", PRIMS, prims, {**prims, "fl": f32(0.1), "b": b64(prims["b"])})

DOUBLES = {"type": "record", "name": "Doubles", "fields": [
    {"name": k, "type": t} for k, t in [("nan", "double"), ("inf", "double"), ("ninf", "double"), ("negzero", "double"),
                                        ("big", "double"), ("tiny", "double"), ("fnan", "float"), ("fbig", "float")]]}
dv = {"nan": float("nan"), "inf": float("inf"), "ninf": float("-inf"), "negzero": -0.0, "big": 1.7976931348623157e308,
      "tiny": 5e-324, "fnan": float("nan"), "fbig": 3.4028234663852886e38}
case("doubles", DOUBLES, dv, {k: dv[k] if k != "fbig" else f32(dv[k]) for k in dv} | {k: dbl(dv[k]) for k in ("nan", "inf", "ninf", "fnan")})

case("bare-string", "string", "just a string", "just a string")
UNICODE = "abcdefghijklmnop€xyz😀 \u0000\u001f\"\\ \ud7ff\ue000\U0010ffff ascii tail of more than eight bytes"
case("unicode-string", "string", UNICODE, UNICODE)
case("bare-long", "long", -1, -1)
case("bare-null", "null", None, None)
case("long-min", "long", -2**63, -2**63)
case("bare-int", "int", -5, -5)
case("bare-boolean", "boolean", True, True)
case("long-array", {"type": "array", "items": "long"}, [1, -2, 300], [1, -2, 300])
case("long-map", {"type": "map", "values": "long"}, {"a": 1, "b": 2}, {"a": 1, "b": 2})
BIG = {f"k{i}": i for i in range(5000)}
case("big-map", {"type": "map", "values": "long"}, BIG, BIG)
case("null-array", {"type": "array", "items": "null"}, [None] * 3, [None] * 3)
case("empty-record-array", {"type": "array", "items": {"type": "record", "name": "Nothing", "fields": []}}, [{}] * 2, [{}] * 2)
case("zero-fixed-map", {"type": "map", "values": {"type": "fixed", "name": "Zero", "size": 0}}, {"a": b""}, {"a": ""})

# --- complex types --------------------------------------------------------------------------
COMPLEX = {"type": "record", "name": "Complex", "namespace": "test", "fields": [
    {"name": "color", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN", "BLUE"]}},
    {"name": "ints", "type": {"type": "array", "items": "int"}},
    {"name": "none", "type": {"type": "array", "items": "string"}},
    {"name": "weights", "type": {"type": "map", "values": "double"}},
    {"name": "nomap", "type": {"type": "map", "values": "long"}},
    {"name": "tag", "type": {"type": "fixed", "name": "Tag", "size": 4}},
    {"name": "empty", "type": {"type": "fixed", "name": "Empty", "size": 0}},
    {"name": "nested", "type": {"type": "array", "items": {"type": "map", "values": {"type": "array", "items": "Color"}}}},
    {"name": "points", "type": {"type": "array", "items": {"type": "record", "name": "Point", "fields": [
        {"name": "x", "type": "double"}, {"name": "y", "type": "double"}]}}},
]}
cv = {"color": "BLUE", "ints": [1, -1, 300, -70000, 2147483647], "none": [], "weights": {"a": 0.5, "bé": -2.25, "": 1e100},
      "nomap": {}, "tag": b"\x00\xffab", "empty": b"",
      "nested": [{"x": ["RED", "GREEN"], "y": []}, {}], "points": [{"x": 1.5, "y": -2.0}]}
case("complex", COMPLEX, cv, {**cv, "tag": b64(cv["tag"]), "empty": ""})

UNIONS = {"type": "record", "name": "Unions", "fields": [
    {"name": "a", "type": ["null", "string"]},
    {"name": "b", "type": ["null", "string"]},
    {"name": "c", "type": ["int", "string", "null", {"type": "record", "name": "R", "fields": [{"name": "v", "type": "long"}]},
                           {"type": "array", "items": "int"}, {"type": "map", "values": "string"}]},
    {"name": "d", "type": ["null", "R"]},
    {"name": "e", "type": ["null", {"type": "array", "items": ["null", "double"]}]},
]}
case("unions", UNIONS, {"a": None, "b": "label", "c": ("R", {"v": 7}), "d": {"v": -8}, "e": [1.5, None]},
     {"a": None, "b": "label", "c": {"v": 7}, "d": {"v": -8}, "e": [1.5, None]})
case("union-array-branch", UNIONS, {"a": "x", "b": None, "c": [1, 2], "d": None, "e": None},
     {"a": "x", "b": None, "c": [1, 2], "d": None, "e": None})
case("union-map-branch", UNIONS, {"a": "x", "b": None, "c": {"k": "v"}, "d": None, "e": []},
     {"a": "x", "b": None, "c": {"k": "v"}, "d": None, "e": []})

# --- logical types --------------------------------------------------------------------------
def decimal_case(name, precision, scale, values, fixed_size=None):
    base = {"type": "bytes"} if fixed_size is None else {"type": "fixed", "name": "Dec" + name.replace("-", "_"), "size": fixed_size}
    schema = {"type": "record", "name": "D_" + name.replace("-", "_"), "fields": [
        {"name": f"v{i}", "type": {**base, "logicalType": "decimal", "precision": precision, "scale": scale}}
        if i == 0 else {"name": f"v{i}", "type": "Dec" + name.replace("-", "_") if fixed_size else {**base, "logicalType": "decimal", "precision": precision, "scale": scale}}
        for i in range(len(values))]}
    value = {f"v{i}": v for i, v in enumerate(values)}
    case(name, schema, value, {f"v{i}": decimal_text(v, scale) for i, v in enumerate(values)})


D = decimal.Decimal
decimal_case("decimal-bytes", 10, 3, [D("-12.345"), D("0.001"), D("-0.05"), D("0"), D("1.5"), D("9999999.999"), D("-9999999.999"), D("-0.128"), D("0.127"), D("-0.129"), D("0.255"), D("0.256")])
decimal_case("decimal-scale0", 20, 0, [D("0"), D("-1"), D("9223372036854775807"), D("-9223372036854775808"), D("9223372036854775808"), D("-9223372036854775809")])
decimal_case("decimal-long", 60, 10, [D("-" + "1234567890" * 4 + ".0987654321"), D("1" + "0" * 49), D("-" + "9" * 50 + ".9999999999")])
decimal_case("decimal-fixed", 16, 4, [D("-12.3456"), D("1.0000"), D("0"), D("-0.0001")], fixed_size=8)
decimal_case("decimal-fixed16", 38, 9, [D("-" + "9" * 29 + ".123456789"), D("12345678901234567890.000000001")], fixed_size=16)

U = "0f8fad5b-d9cb-469f-a165-70867728950e"
case("uuid-string", {"type": "record", "name": "Ids", "fields": [{"name": "id", "type": {"type": "string", "logicalType": "uuid"}}]},
     {"id": U}, {"id": U})

DATES = [0, 19844, -1, -719162, 2932896, -25567, 11016]
case("date", {"type": "record", "name": "Dates", "fields": [
    {"name": f"d{i}", "type": {"type": "int", "logicalType": "date"}} for i in range(len(DATES))]},
    {f"d{i}": v for i, v in enumerate(DATES)}, {f"d{i}": date_text(v) for i, v in enumerate(DATES)})

TMS = [0, 45296789, 86399999, 1]
TUS = [0, 45296789012, 86399999999, 1]
case("time", {"type": "record", "name": "Times", "fields": [
    {"name": f"ms{i}", "type": {"type": "int", "logicalType": "time-millis"}} for i in range(len(TMS))] + [
    {"name": f"us{i}", "type": {"type": "long", "logicalType": "time-micros"}} for i in range(len(TUS))]},
    {**{f"ms{i}": v for i, v in enumerate(TMS)}, **{f"us{i}": v for i, v in enumerate(TUS)}},
    {**{f"ms{i}": time_text(v, 1000, 3) for i, v in enumerate(TMS)}, **{f"us{i}": time_text(v, 10**6, 6) for i, v in enumerate(TUS)}})

TSM = [0, 1714566896789, -1, -62135596800000, 253402300799999, -2208988800001, 951782400000, 4107542400000]
TSU = [0, 1714566896789012, -1, -62135596800000000, 253402300799999999, -2208988800000001]
case("timestamp", {"type": "record", "name": "Stamps", "fields": [
    {"name": f"ms{i}", "type": {"type": "long", "logicalType": "timestamp-millis"}} for i in range(len(TSM))] + [
    {"name": f"us{i}", "type": {"type": "long", "logicalType": "timestamp-micros"}} for i in range(len(TSU))] + [
    {"name": "lms", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
    {"name": "lus", "type": {"type": "long", "logicalType": "local-timestamp-micros"}}]},
    {**{f"ms{i}": v for i, v in enumerate(TSM)}, **{f"us{i}": v for i, v in enumerate(TSU)}, "lms": -1, "lus": 1714566896789012},
    {**{f"ms{i}": timestamp_text(v, 1000, 3) for i, v in enumerate(TSM)}, **{f"us{i}": timestamp_text(v, 10**6, 6) for i, v in enumerate(TSU)},
     "lms": timestamp_text(-1, 1000, 3, utc=False), "lus": timestamp_text(1714566896789012, 10**6, 6, utc=False)})

case("logical-in-union", {"type": "record", "name": "LU", "fields": [
    {"name": "when", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]},
    {"name": "price", "type": ["null", {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}]}]},
    {"when": 1714566896789, "price": D("-3.50")}, {"when": timestamp_text(1714566896789, 1000, 3), "price": "-3.50"})

# An invalid logical type (scale > precision) is ignored, as the specification says: plain bytes.
# (fastavro refuses that schema, so it writes the bytes with the underlying type.)
case("invalid-decimal-is-bytes", {"type": "bytes", "logicalType": "decimal", "precision": 2, "scale": 5}, b"\x01\x02", b64(b"\x01\x02"),
     written_as="bytes")

# --- names, recursion, references, evolution ------------------------------------------------
NAMES = {"type": "record", "name": "Outer", "namespace": "com.acme", "fields": [
    {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [
        {"name": "kind", "type": {"type": "enum", "name": "Kind", "namespace": "org.other", "symbols": ["A", "B"]}}]}},
    {"name": "again", "type": "Inner"},
    {"name": "full", "type": "com.acme.Inner"},
    {"name": "kind", "type": "org.other.Kind"},
    {"name": "dotted", "type": {"type": "fixed", "name": "x.y.Hash", "size": 2}},
    {"name": "hash", "type": "x.y.Hash"},
]}
case("named-types", NAMES, {"inner": {"kind": "B"}, "again": {"kind": "A"}, "full": {"kind": "B"}, "kind": "A", "dotted": b"\x01\x02", "hash": b"zz"},
     {"inner": {"kind": "B"}, "again": {"kind": "A"}, "full": {"kind": "B"}, "kind": "A", "dotted": b64(b"\x01\x02"), "hash": b64(b"zz")})

LIST = {"type": "record", "name": "Node", "fields": [{"name": "value", "type": "int"}, {"name": "next", "type": ["null", "Node"]}]}


def linked(n):
    v = None
    for i in reversed(range(n)):
        v = {"value": i, "next": v}
    return v


case("recursive-list", LIST, linked(3), linked(3))
case("recursive-list-60", LIST, linked(60), linked(60))
case("recursive-list-100", LIST, linked(100), linked(100))

TREE = {"type": "record", "name": "Tree", "fields": [{"name": "label", "type": "string"},
                                                     {"name": "children", "type": {"type": "array", "items": "Tree"}}]}
tree = {"label": "root", "children": [{"label": "a", "children": []}, {"label": "b", "children": [{"label": "c", "children": []}]}]}
case("recursive-tree", TREE, tree, tree)

MONEY = {"type": "record", "name": "Money", "namespace": "com.acme.common", "fields": [
    {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
    {"name": "currency", "type": {"type": "enum", "name": "Currency", "symbols": ["EUR", "USD"]}}]}
ORDER = {"type": "record", "name": "Order", "namespace": "com.acme.orders", "fields": [
    {"name": "id", "type": "string"},
    {"name": "total", "type": "com.acme.common.Money"},
    {"name": "currency", "type": "com.acme.common.Currency"}]}
case("references", ORDER, {"id": "o-1", "total": {"amount": D("19.99"), "currency": "EUR"}, "currency": "USD"},
     {"id": "o-1", "total": {"amount": "19.99", "currency": "EUR"}, "currency": "USD"}, references=[MONEY])

V1 = {"type": "record", "name": "Scored", "namespace": "ml", "fields": [{"name": "id", "type": "string"}, {"name": "score", "type": "double"}]}
V2 = {"type": "record", "name": "Scored", "namespace": "ml", "fields": [
    {"name": "id", "type": "string"}, {"name": "score", "type": "double"},
    {"name": "label", "type": ["null", "string"], "default": None}, {"name": "version", "type": "int", "default": 1}]}
case("evolution-v1", V1, {"id": "k1", "score": 0.25}, {"id": "k1", "score": 0.25})
case("evolution-v2", V2, {"id": "k1", "score": 0.25, "label": "fraud", "version": 2}, {"id": "k1", "score": 0.25, "label": "fraud", "version": 2})

# --- the benchmark's record shape ----------------------------------------------------------
SCORED = {"type": "record", "name": "ScoredRecord", "namespace": "ml.serving", "fields": [
    {"name": "id", "type": "string"}, {"name": "model", "type": "string"}, {"name": "ts", "type": "long"},
    {"name": "version", "type": "int"}, {"name": "score", "type": "double"},
    {"name": "label", "type": ["null", "string"], "default": None},
    {"name": "decision", "type": {"type": "enum", "name": "Decision", "symbols": ["APPROVE", "REVIEW", "DECLINE"]}},
    {"name": "features", "type": {"type": "map", "values": "double"}},
    {"name": "region", "type": "string"}, {"name": "latency_us", "type": "long"}]}
scored = {"id": "tx10000042", "model": "fraud-lr", "ts": 1764000000123, "version": 3, "score": 0.8731, "label": None,
          "decision": "REVIEW", "features": {f"f{i}": i * 0.125 - 0.3 for i in range(8)}, "region": "eu-west-1", "latency_us": 1234}
case("scored", SCORED, scored, scored)


def main():
    for name, schema, value, expected, references, written_as in CASES:
        named = {}
        for r in references:
            fastavro.parse_schema(r, named_schemas=named)
        parsed = fastavro.parse_schema(written_as or schema, named_schemas=named)
        buf = io.BytesIO()
        fastavro.schemaless_writer(buf, parsed, value)
        line = {"name": name, "schema": json.dumps(schema), "references": [json.dumps(r) for r in references],
                "hex": buf.getvalue().hex(), "expected": expected}
        sys.stdout.write(json.dumps(line, allow_nan=False) + "\n")


if __name__ == "__main__":
    main()
