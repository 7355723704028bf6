import { Kafka } from "kafkajs";

const kafka = new Kafka({ clientId: "example-app", brokers: ["localhost:9092"] });
const consumer = kafka.consumer({ groupId: "example-consumer" });

await consumer.connect();
await consumer.subscribe({ topic: "orders", fromBeginning: true });
await consumer.run({
  eachMessage: async ({ topic, partition, message }) => {
    console.log(
      `received key=${message.key?.toString()} ` +
      `value=${message.value?.toString()} ` +
      `partition=${partition} offset=${message.offset}`
    );
  },
});
