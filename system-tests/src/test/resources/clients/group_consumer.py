"""A confluent_kafka group consumer: subscribe() with a group id, commit after every message.

usage: group_consumer.py BOOTSTRAP TOPIC GROUP COUNT TIMEOUT_SECONDS

Joins GROUP (FindCoordinator, JoinGroup, SyncGroup, Heartbeat), starts at the group's committed
offsets (earliest where none), prints one line `PARTITION OFFSET KEY VALUE` per message, commits
each one synchronously (OffsetCommit), and exits 0 after COUNT messages, leaving the group
(LeaveGroup); exits 1 on an error or when TIMEOUT_SECONDS pass first.
"""
import sys
import time

from confluent_kafka import Consumer

bootstrap, topic, group = sys.argv[1], sys.argv[2], sys.argv[3]
count = int(sys.argv[4])
deadline = time.monotonic() + float(sys.argv[5])

c = Consumer({
    "bootstrap.servers": bootstrap,
    "group.id": group,
    "auto.offset.reset": "earliest",
    "enable.auto.commit": False,
})
c.subscribe([topic])
received = 0
try:
    while received < count:
        if time.monotonic() > deadline:
            print(f"timeout: {received} of {count} messages received", file=sys.stderr)
            sys.exit(1)
        msg = c.poll(0.5)
        if msg is None:
            continue
        if msg.error():
            print(f"error: {msg.error()}", file=sys.stderr)
            sys.exit(1)
        key = msg.key().decode() if msg.key() is not None else ""
        value = msg.value().decode() if msg.value() is not None else ""
        print(f"{msg.partition()} {msg.offset()} {key} {value}", flush=True)
        c.commit(message=msg, asynchronous=False)
        received += 1
finally:
    c.close()
