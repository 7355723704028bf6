"""An idempotent confluent_kafka producer (InitProducerId, sequence numbers): COUNT keyed messages.

usage: idempotent_producer.py BOOTSTRAP TOPIC COUNT

Prints `sent PARTITION OFFSET KEY` per delivery report, or `delivery failed: ERROR`; exits 1 when
a delivery failed or not every message was delivered.
"""
import sys

from confluent_kafka import Producer

bootstrap, topic, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
failures = []
delivered = []


def report(err, msg):
    if err:
        failures.append(err)
        print(f"delivery failed: {err}", flush=True)
    else:
        delivered.append(msg)
        print(f"sent {msg.partition()} {msg.offset()} {msg.key().decode()}", flush=True)


p = Producer({
    "bootstrap.servers": bootstrap,
    "enable.idempotence": True,
    "linger.ms": 5,
})
for i in range(count):
    p.produce(topic, key=f"key-{i}", value=f"value-{i}", callback=report)
    p.poll(0)
remaining = p.flush(30)
sys.exit(1 if failures or remaining or len(delivered) != count else 0)
