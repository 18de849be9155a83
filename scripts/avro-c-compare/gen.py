#!/usr/bin/env python3
"""Writes N scored records with fastavro's schemaless_writer to DATA (each a 4-byte
little-endian length, then the datum), and the schema to SCHEMA: the input both
`pipetop-bench avro DATA` and avro_c_decode read."""
import io
import json
import random
import struct
import sys

import fastavro

SCHEMA = {"type": "record", "name": "ScoredRecord", "namespace": "ml.serving", "fields": [
    {"name": "id", "type": "string"}, {"name": "model", "type": "string"}, {"name": "ts", "type": "long"},
    {"name": "version", "type": "int"}, {"name": "score", "type": "double"},
    {"name": "label", "type": ["null", "string"], "default": None},
    {"name": "decision", "type": {"type": "enum", "name": "Decision", "symbols": ["APPROVE", "REVIEW", "DECLINE"]}},
    {"name": "features", "type": {"type": "map", "values": "double"}},
    {"name": "region", "type": "string"}, {"name": "latency_us", "type": "long"}]}


def main():
    count, data_path, schema_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    rng = random.Random(7)
    parsed = fastavro.parse_schema(SCHEMA)
    models, regions, decisions = ["fraud-lr", "fraud-gbm", "churn-xgb"], ["eu-west-1", "us-east-1", "ap-south-1"], ["APPROVE", "REVIEW", "DECLINE"]
    buf = io.BytesIO()
    with open(data_path, "wb") as out:
        for n in range(count):
            record = {"id": f"tx{10_000_000 + n}", "model": models[n % 3], "ts": 1_764_000_000_000 + n, "version": 1 + n % 5,
                      "score": rng.randrange(10_000) / 10_000, "label": ("fraud" if n % 2 == 0 else "legit") if n % 7 == 0 else None,
                      "decision": decisions[n % 3], "features": {f"feature_{f}": rng.randrange(1_000_000) / 1_000 for f in range(8)},
                      "region": regions[n % 3], "latency_us": 200 + rng.randrange(2_000)}
            buf.seek(0)
            buf.truncate()
            fastavro.schemaless_writer(buf, parsed, record)
            datum = buf.getvalue()
            out.write(struct.pack("<I", len(datum)))
            out.write(datum)
    with open(schema_path, "w") as f:
        json.dump(SCHEMA, f)


if __name__ == "__main__":
    main()
