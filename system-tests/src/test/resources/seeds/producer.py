from confluent_kafka import Producer
import json

p = Producer({"bootstrap.servers": "localhost:9092", "acks": "all"})

def delivered(err, msg):
    if err:
        print(f"delivery failed: {err}")
    else:
        print(f"sent to {msg.topic()}-{msg.partition()}@{msg.offset()}")

for i in range(1, 4):
    p.produce(
        "orders",
        key=f"customer-{i}",
        value=json.dumps({"orderId": i, "amount": i * 10}),
        callback=delivered,
    )
p.flush()
