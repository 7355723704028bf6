from confluent_kafka import Consumer

c = Consumer({
    "bootstrap.servers": "localhost:9092",
    "group.id": "example-consumer",
    "auto.offset.reset": "earliest",
})
c.subscribe(["orders"])

try:
    while True:
        msg = c.poll(0.5)
        if msg is None:
            continue
        if msg.error():
            print(f"error: {msg.error()}")
            continue
        print(
            f"received key={msg.key().decode()} "
            f"value={msg.value().decode()} "
            f"partition={msg.partition()} offset={msg.offset()}"
        )
finally:
    c.close()
