import { Kafka } from "kafkajs";

const kafka = new Kafka({ clientId: "example-app", brokers: ["localhost:9092"] });
const producer = kafka.producer();

await producer.connect();
const results = await producer.send({
  topic: "orders",
  acks: -1, // all
  messages: Array.from({ length: 3 }, (_, i) => ({
    key: `customer-${i + 1}`,
    value: JSON.stringify({ orderId: i + 1, amount: (i + 1) * 10 }),
  })),
});
console.log("sent:", results);
await producer.disconnect();
