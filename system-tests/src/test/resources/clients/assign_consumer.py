"""A group-less confluent_kafka consumer: assign() one partition at an offset and poll.

usage: assign_consumer.py BOOTSTRAP TOPIC PARTITION OFFSET COUNT TIMEOUT_SECONDS

Prints one line `PARTITION OFFSET KEY VALUE` per message and exits 0 after COUNT messages;
exits 1 on a consumer error or when TIMEOUT_SECONDS pass first. confluent_kafka refuses to create
a consumer without group.id, but with assign(), explicit offsets and no commits the group is
never joined: only FindCoordinator is sent for it.
"""
import sys
import time

from confluent_kafka import Consumer, TopicPartition

bootstrap, topic = sys.argv[1], sys.argv[2]
partition, offset, count = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
deadline = time.monotonic() + float(sys.argv[6])

c = Consumer({
    "bootstrap.servers": bootstrap,
    "group.id": "system-tests-assign-only",
    "enable.auto.commit": False,
    "enable.auto.offset.store": False,
})
c.assign([TopicPartition(topic, partition, offset)])
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
        received += 1
finally:
    c.close()
