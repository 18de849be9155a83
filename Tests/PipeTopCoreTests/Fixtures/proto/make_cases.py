"""Test cases for pipetop's Protobuf decoder, made by protobuf's own Python runtime.

Usage: make_cases.py PYTHON_OUT_DIR  (the directory `protoc --python_out` wrote into)

Prints one JSON object per line:
  {"kind": "case", "name", "type", "b64", "json"}: a message's bytes and its natural JSON,
      json_format.MessageToDict(preserving_proto_field_name=True,
      always_print_fields_with_no_presence=True) of the message parsed back from those
      bytes, with the one documented difference applied: 64-bit integers as numbers;
  {"kind": "index", "file", "indexes", "name"}: what confluent-kafka's deserializer picks
      for a message-index list;
  {"kind": "schema", "file", "deps"}: everything.proto as the registry serves it (a
      serialized FileDescriptorProto and its non-builtin references);
  {"kind": "framed", "name", "type", "b64", "json"}: a message framed by confluent-kafka's
      ProtobufSerializer (schema id and message indexes before the payload);
  {"kind": "unprintable", "name", "type", "b64", "seconds", "nanos"}: a WellKnown whose `dur`
      or `ts` protobuf serializes but its JSON printer refuses (out of range): pipetop shows
      the fields instead.
"""
import base64
import json
import math
import sys

sys.path.insert(0, sys.argv[1])

from google.protobuf import any_pb2, descriptor_pb2, json_format, struct_pb2, timestamp_pb2  # noqa: E402
from google.protobuf.descriptor import FieldDescriptor as FD  # noqa: E402
from pipetop.test import common_pb2 as common, everything_pb2 as ev  # noqa: E402
from pipetop.test import legacy_pb2 as legacy  # noqa: E402

INT64 = {FD.TYPE_INT64, FD.TYPE_UINT64, FD.TYPE_SINT64, FD.TYPE_FIXED64, FD.TYPE_SFIXED64}
JSON_WKT = {
    "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.Struct", "google.protobuf.Value",
    "google.protobuf.ListValue", "google.protobuf.FieldMask", "google.protobuf.DoubleValue", "google.protobuf.FloatValue",
    "google.protobuf.Int32Value", "google.protobuf.UInt32Value", "google.protobuf.BoolValue", "google.protobuf.StringValue",
    "google.protobuf.BytesValue", "google.protobuf.Any",
}


def natural(desc, value):
    """MessageToDict's output for a message of type `desc`, 64-bit integers turned into numbers."""
    name = desc.full_name
    if name in ("google.protobuf.Int64Value", "google.protobuf.UInt64Value"):
        return int(value)
    if name == "google.protobuf.Any":
        if "@type" in value:
            packed = ev.DESCRIPTOR.pool.FindMessageTypeByName(value["@type"].split("/")[-1])
            if packed.full_name in JSON_WKT or packed.full_name in ("google.protobuf.Int64Value", "google.protobuf.UInt64Value"):
                value["value"] = natural(packed, value["value"])
            else:
                rest = natural(packed, {k: v for k, v in value.items() if k != "@type"})
                value = {"@type": value["@type"], **rest}
        return value
    if name in JSON_WKT:
        return value
    for f in desc.fields:
        if f.name not in value:
            continue
        v = value[f.name]
        if f.message_type is not None and f.message_type.GetOptions().map_entry:
            vf = f.message_type.fields_by_name["value"]
            value[f.name] = {k: field_value(vf, x) for k, x in v.items()}
        elif f.is_repeated:
            value[f.name] = [field_value(f, x) for x in v]
        else:
            value[f.name] = field_value(f, v)
    return value


def field_value(f, v):
    if f.type in INT64:
        return int(v)
    if f.type in (FD.TYPE_MESSAGE, FD.TYPE_GROUP):
        return natural(f.message_type, v)
    return v


def emit(obj):
    print(json.dumps(obj, allow_nan=False, sort_keys=False))


def case(name, msg, data=None):
    """A case from `msg`, or from raw `data` read as `msg`'s type (Python's view of those bytes)."""
    raw = msg.SerializeToString() if data is None else data
    parsed = type(msg)()
    parsed.ParseFromString(raw)
    d = json_format.MessageToDict(parsed, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)
    emit({"kind": "case", "name": name, "type": msg.DESCRIPTOR.full_name, "b64": base64.b64encode(raw).decode(),
          "json": natural(msg.DESCRIPTOR, d)})


def ts(seconds, nanos=0):
    return timestamp_pb2.Timestamp(seconds=seconds, nanos=nanos)


def main():
    case("scored, every field set", ev.Scored(
        id="rec-000123", model="wine-quality", version=7, score=0.8125, label="good", color=common.GREEN,
        ts=1764748800123, features={f"f{i}": i * 1.25 - 3 for i in range(8)}, at=ts(1764748800, 123000000)))
    case("scored, empty (defaults, no presence fields)", ev.Scored())
    case("scored, optional label set to empty", ev.Scored(id="x", label=""))

    case("scalars, defaults", ev.Scalars())
    case("scalars, typical", ev.Scalars(
        f_double=-2.5, f_float=0.1, f_int64=-9007199254740993, f_uint64=12345678901234567, f_int32=-42,
        f_fixed64=7, f_fixed32=4000000000, f_bool=True, f_string="héllo wörld ✓ 😀", f_bytes=b"\x00\x01\xfe\xff",
        f_uint32=4294967295, f_enum=common.BLUE, f_sfixed32=-2147483648, f_sfixed64=-9223372036854775808,
        f_sint32=-2147483648, f_sint64=-9223372036854775808))
    case("scalars, extremes", ev.Scalars(
        f_double=1e308, f_float=3.4028234663852886e38, f_int64=9223372036854775807, f_uint64=18446744073709551615,
        f_int32=2147483647, f_fixed64=18446744073709551615, f_fixed32=1, f_sfixed32=2147483647,
        f_sfixed64=9223372036854775807, f_sint32=2147483647, f_sint64=9223372036854775807, f_uint32=1))
    case("scalars, uint64 just above Int64.max", ev.Scalars(f_uint64=9223372036854775808, f_fixed64=9223372036854775808))
    case("scalars, non-finite", ev.Scalars(f_double=math.nan, f_float=-math.inf))
    case("scalars, float fractions", ev.Scalars(f_double=1e-300, f_float=1.1754943508222875e-38))
    case("scalars, open enum unknown number", ev.Scalars(f_enum=12345))
    case("scalars, open enum negative unknown", ev.Scalars(f_enum=-7))

    case("repeated, packed and unpacked", ev.Repeats(
        packed_ints=[1, -1, 2147483647, -2147483648, 0], unpacked_ints=[3, -3, 0], doubles=[0.5, -1e10, 0.0],
        floats=[0.25, -1.5], strings=["a", "", "ü"], blobs=[b"", b"\xff"], colors=[common.RED, common.BLUE, 99],
        zigzags=[-1, 1, -9223372036854775808], fixeds=[0, 4294967295], flags=[True, False, True],
        monies=[common.Money(currency="EUR", units=-5, nanos=-500000000), common.Money()],
        bigs=[0, 18446744073709551615], sfixeds=[-1, 9223372036854775807]))
    case("repeated, empty", ev.Repeats())

    # A packed field written unpacked and the other way round: parsers must accept both.
    packed = ev.Repeats(packed_ints=[5, 6, 7], doubles=[1.5])
    unpacked_bytes = b"".join(
        [b"\x08" + bytes([v]) for v in (5, 6, 7)] + [b"\x19" + ev.Repeats(doubles=[1.5]).SerializeToString()[2:]])
    case("repeated, packed field written unpacked", packed, unpacked_bytes)
    swapped = ev.Repeats(unpacked_ints=[300, 1])
    swapped_bytes = b"\x12\x03\xac\x02\x01"  # field 2 as one packed run (checked below against protobuf's parse)
    reparsed = ev.Repeats()
    reparsed.ParseFromString(swapped_bytes)
    assert list(reparsed.unpacked_ints) == [300, 1], reparsed
    case("repeated, unpacked field written packed", swapped, swapped_bytes)

    case("maps, every key kind", ev.Maps(
        features={"a": 1.5, "b": -0.25, "": 0.0}, by_int={-1: "minus one", 0: "zero", 2147483647: "max"},
        by_long={-9223372036854775808: common.Money(currency="USD", units=9223372036854775807), 5: common.Money()},
        by_bool={True: "yes", False: "no"}, by_uint={18446744073709551615: common.GREEN, 1: common.COLOR_UNSPECIFIED},
        by_sint={-5: b"\x01\x02", 6: b""}, times={"epoch": ts(0), "later": ts(1, 500)},
        fixed_keys={18446744073709551615: -1, 0: 0}))
    case("maps, empty", ev.Maps())
    # Entries missing their key or value (written by hand on purpose, checked by protobuf's parse).
    case("maps, entry without key or value", ev.Maps(), b"\x0a\x00" + b"\x1a\x02\x08\x05" + b"\x12\x04\x12\x02hi")
    # The same key twice: the last entry wins.
    dup = ev.Maps(features={"k": 1.0}).SerializeToString() + ev.Maps(features={"k": 2.0}).SerializeToString()
    case("maps, duplicate key keeps the last", ev.Maps(), dup)
    big = ev.Maps(features={f"k{i}": float(i) for i in range(40)}).SerializeToString()
    case("maps, large map with duplicates keeps the last", ev.Maps(), big + ev.Maps(features={"k3": -3.0, "k39": -39.0}).SerializeToString())
    # Around the most entries the direct JSON writer keeps track of (128): one run of 121
    # entries with a duplicate near its end, and one of 301 (the tree reads it).
    near = ev.Maps(features={f"k{i}": float(i) for i in range(120)}).SerializeToString()
    case("maps, 121 entries, the last a duplicate", ev.Maps(), near + ev.Maps(features={"k117": -117.0}).SerializeToString())
    longer = ev.Maps(features={f"k{i}": i / 8 for i in range(300)}).SerializeToString()
    case("maps, 301 entries, the last a duplicate", ev.Maps(), longer + ev.Maps(features={"k0": -1.0}).SerializeToString())

    case("oneof, string member", ev.Choice(text="hi"))
    case("oneof, message member", ev.Choice(money=common.Money(currency="JPY")))
    case("oneof, timestamp member", ev.Choice(when=ts(86400)))
    case("oneof, member at default still present", ev.Choice(number=0))
    case("oneof, none set; optionals unset", ev.Choice())
    case("proto3 optional set to defaults", ev.Choice(maybe=0, maybe_text="", money_field=common.Money(), maybe_color=common.COLOR_UNSPECIFIED))
    last = ev.Choice(text="first").SerializeToString() + ev.Choice(number=-9).SerializeToString()
    case("oneof, last member wins", ev.Choice(), last)
    twice = ev.Choice(tail="one", maybe=1).SerializeToString() + ev.Choice(tail="two", maybe=2).SerializeToString()
    case("duplicate scalar field, last wins", ev.Choice(), twice)

    case("nested types", ev.Outer(middle=ev.Outer.Middle(inner=ev.Outer.Middle.Inner(
        name="deep", more=[ev.Outer.Middle.Inner(name="x")]), m=3), sibling=ev.Outer.Sibling(b=True), title="t"))
    case("nested, inner alone", ev.Outer.Middle.Inner(name="inner"))
    case("declaration order", ev.Order(zulu=1, alpha="a", mike=True))

    tree = ev.Tree(name="root")
    node = tree
    for i in range(60):
        node = node.left
        node.name = f"n{i}"
    tree.children.add(name="c", children=[ev.Tree(name="cc")])
    case("recursive type, 61 levels", tree)

    wk = ev.WellKnown(
        ts=ts(63108020, 21000000), dur=None, st=None, val=None, lv=None)
    wk.dur.seconds, wk.dur.nanos = 1, 340012
    wk.dv.value = 2.5
    wk.fv.value = 0.1
    wk.i64v.value = -9223372036854775808
    wk.u64v.value = 18446744073709551615
    wk.i32v.value = -5
    wk.u32v.value = 4000000000
    wk.bv.value = True
    wk.sv.value = "wrapped"
    wk.bytesv.value = b"\x00wrapped"
    wk.st.update({"a": 1, "b": [1, "two", None, True, {"c": {}}], "n": None, "s": "x"})
    wk.val.string_value = "just a string"
    wk.lv.extend([1, "a", False, None])
    wk.any.Pack(common.Money(currency="CHF", units=-12345678901))
    wk.empty.SetInParent()
    wk.mask.paths.extend(["id", "model.version_name", "a_b_c"])
    wk.tss.extend([ts(0), ts(-1, 999999999), ts(253402300799, 999999000), ts(-62135596800, 1000)])
    case("well-known types", wk)
    case("well-known types, wrappers at default", ev.WellKnown(
        dv={}, fv={}, i64v={}, u64v={}, i32v={}, u32v={}, bv={}, sv={}, bytesv={}, st={}, lv={}, any={}, dur={}, ts={},
        val=struct_pb2.Value(null_value=0)))
    for i, (s, n) in enumerate([(0, 0), (-1, 0), (5, 1000000), (-5, -1000), (-0, -1), (315576000000, 999999999)]):
        w = ev.WellKnown()
        w.dur.seconds, w.dur.nanos = s, n
        case(f"duration {s}s {n}ns", w)
    anyts = ev.WellKnown()
    anyts.any.Pack(ts(1, 5))
    case("any holding a timestamp", anyts)
    anywk = ev.WellKnown()
    anywk.any.Pack(wk)
    case("any holding a message with well-known types", anywk)
    nested_any = any_pb2.Any()
    nested_any.Pack(struct_pb2.Value(number_value=3.5))
    anyany = ev.WellKnown()
    anyany.any.Pack(nested_any)
    case("any holding an any", anyany)
    val = ev.WellKnown()
    val.val.struct_value.update({"k": [1.5]})
    case("value holding a struct", val)

    case("proto2, required only", legacy.Legacy(id="L1"))
    case("proto2, everything set", legacy.Legacy(
        id="L2", count=0, kind=legacy.Legacy.BETA, packed=[1, 2, 300], plain=[-1, -2],
        extra=legacy.Legacy.Extra(note="grouped", big=-5), with_default=42, kinds=[1, 2], huge=18446744073709551615))
    wide = legacy.LegacyWide(id="W", count=3, kind=7, kinds=[1, 9, 2])
    wide.unknown.a = "skip me"
    wide.unknown.deeper.b = 5
    wide.unknown_fixed = 1
    wide.unknown_fixed32 = 2
    case("proto2, unknown group and fields skipped, closed enum unknown dropped", legacy.Legacy(), wide.SerializeToString())

    case("wire types mismatched: skipped as unknown", ev.WideA(), ev.WideB(
        f1="not an int", f2=123, f3=7, f4=9, extra="x").SerializeToString())

    fd = descriptor_pb2.FileDescriptorProto()
    ev.DESCRIPTOR.CopyToProto(fd)
    for indexes in ([0], [1], [1, 0], [1, 0, 0], [1, 1], [2]):
        from confluent_kafka.schema_registry._sync.protobuf import ProtobufDeserializer
        name, _ = ProtobufDeserializer._get_message_desc_proto(object.__new__(ProtobufDeserializer), "", fd, indexes)
        emit({"kind": "index", "file": fd.name, "indexes": indexes, "name": fd.package + "." + name})

    common_fd = descriptor_pb2.FileDescriptorProto()
    common.DESCRIPTOR.CopyToProto(common_fd)
    emit({"kind": "schema", "file": base64.b64encode(fd.SerializeToString()).decode(),
          "deps": [base64.b64encode(common_fd.SerializeToString()).decode()]})

    framed()
    unprintable()


def unprintable():
    for field, seconds, nanos in (("dur", -9223372036854775808, 0), ("dur", 315576000001, 0), ("dur", 1, -5),
                                  ("dur", 0, -2147483648), ("ts", -62135596801, 0), ("ts", 253402300800, 0),
                                  ("ts", 0, -1), ("ts", 9223372036854775807, 1000000000)):
        w = ev.WellKnown()
        getattr(w, field).seconds, getattr(w, field).nanos = seconds, nanos
        try:
            json_format.MessageToDict(w)
            raise AssertionError(f"protobuf printed {field} {seconds} {nanos}")
        except json_format.SerializeToJsonError:
            pass
        except ValueError:
            pass
        emit({"kind": "unprintable", "name": f"{field} {seconds}s {nanos}ns", "type": "pipetop.test.WellKnown", "field": field,
              "b64": base64.b64encode(w.SerializeToString()).decode(), "seconds": seconds, "nanos": nanos})


def framed():
    from confluent_kafka.schema_registry import SchemaRegistryClient
    from confluent_kafka.schema_registry.protobuf import ProtobufSerializer
    from confluent_kafka.serialization import MessageField, SerializationContext
    registry = SchemaRegistryClient.new_client({"url": "mock://pipetop-tests"})
    for msg in (ev.Outer.Middle.Inner(name="framed inner"), ev.Scored(id="framed", score=0.5), ev.Outer.Sibling(b=True)):
        ser = ProtobufSerializer(type(msg), registry, {"use.deprecated.format": False})
        data = ser(msg, SerializationContext("pipetop-test", MessageField.VALUE))
        d = json_format.MessageToDict(msg, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)
        emit({"kind": "framed", "name": msg.DESCRIPTOR.full_name, "type": msg.DESCRIPTOR.full_name,
              "b64": base64.b64encode(data).decode(), "json": natural(msg.DESCRIPTOR, d)})


main()
