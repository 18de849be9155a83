#!/usr/bin/env python3
"""Writes the small recording the end-to-end tests replay: three pipelines over two minutes
of event time, a candidate, drift on one pipeline, labels, a promote command and its ack.
Deterministic (seeded). Usage: scripts/make-recording.py > Tests/EndToEndTests/Recordings/small.ndjson"""
import json
import random

random.seed(7)
T0 = 1_764_000_000_000
PIPELINES = [("churn", 800), ("ctr", 2000), ("fraud", 1200)]
LE = [500, 1000, 2500, 5000, 10000, 50000]
lines = []


def emit(**event):
    lines.append((event["ts_ms"], json.dumps(event, separators=(",", ":"))))


for name, rate in PIPELINES:
    model = f"{name}-lr"
    emit(type="model", pipeline=name, ts_ms=T0, model=model, version=3, event="published", parent=2,
         description="logistic regression, weekly retrain", metrics={"auc": 0.91},
         artifact={"format": "json", "sha256": "ab12", "bytes": 2048})
    emit(type="model", pipeline=name, ts_ms=T0 + 500, model=model, version=3, event="promoted", cause="seed")
    emit(type="model", pipeline=name, ts_ms=T0 + 60_000, model=model, version=4, event="published", parent=3,
         metrics={"auc": 0.93})
    emit(type="model", pipeline=name, ts_ms=T0 + 61_000, model=model, version=4, event="candidate")
    for instance in ("scorer-1", "scorer-2"):
        count = 0
        buckets = [0] * (len(LE) + 1)
        for s in range(121):
            ts = T0 + s * 1000 + (0 if instance == "scorer-1" else 400)
            serving = [{"model": model, "version": 3, "role": "primary"}]
            if s >= 61:
                serving.append({"model": model, "version": 4, "role": "shadow"})
            emit(type="metrics", pipeline=name, ts_ms=ts, instance=instance, stage="score",
                 records_in=count, records_out=count, errors=count // 500, lag=random.randint(0, 300),
                 latency_le_us=LE, latency_counts=list(buckets), serving=serving)
            n = rate // 2 + random.randint(-20, 20)
            count += n
            for _ in range(n):
                lat = random.lognormvariate(7.0, 0.6)
                for i, le in enumerate(LE):
                    if lat <= le:
                        buckets[i] += 1
                buckets[-1] += 1
    for s in range(120):
        for k in range(5):
            ts = T0 + s * 1000 + k * 200
            key = f"{name}-{s:03d}-{k}"
            shift = 0.35 if name == "fraud" and s >= 45 else 0.0
            amount = round(random.lognormvariate(4, 1) * (2.5 if name == "fraud" and s >= 45 else 1), 2)
            score = round(min(1.0, max(0.0, random.betavariate(2, 5) + shift)), 4)
            label = 1 if random.random() < score else 0
            record = dict(type="scored", pipeline=name, ts_ms=ts, key=key, model=model, version=3, role="primary",
                          score=score, prediction=1 if score >= 0.5 else 0, latency_us=random.randint(300, 3000),
                          features={"amount": amount, "tenure": random.randint(1, 60)})
            if k == 0:
                record["label"] = label
            emit(**record)
            if s >= 61:
                s4 = round(min(1.0, max(0.0, random.betavariate(2, 5) + shift * 0.3)), 4)
                emit(type="scored", pipeline=name, ts_ms=ts + 1, key=key, model=model, version=4, role="shadow",
                     score=s4, prediction=1 if s4 >= 0.5 else 0, latency_us=random.randint(300, 3000),
                     features={"amount": amount, "tenure": random.randint(1, 60)})
            if k % 2 == 1:
                emit(type="label", pipeline=name, ts_ms=ts + 5000, key=key, label=label)

emit(type="control", pipeline="ctr", ts_ms=T0 + 100_000, id="5f0c6a1e-1111-4c1e-9d2a-000000000001", action="promote",
     model="ctr-lr", version=4, from_version=3, requested_by="alice@ops", reason="candidate better on AUC")
emit(type="ack", pipeline="ctr", ts_ms=T0 + 100_200, id="5f0c6a1e-1111-4c1e-9d2a-000000000001", status="applied")
emit(type="model", pipeline="ctr", ts_ms=T0 + 100_300, model="ctr-lr", version=4, event="promoted",
     cause="5f0c6a1e-1111-4c1e-9d2a-000000000001")
lines.append((T0 + 110_000, '{"type":"scored","pipeline":"fraud","ts_ms":"oops"}'))
lines.append((T0 + 110_001, "not json at all"))

for _, line in sorted(lines, key=lambda x: x[0]):
    print(line)
