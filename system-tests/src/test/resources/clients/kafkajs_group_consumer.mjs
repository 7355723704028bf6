// A kafkajs group consumer: subscribe with a group id, commit after every message.
//
// usage: node kafkajs_group_consumer.mjs BOOTSTRAP TOPIC GROUP COUNT TIMEOUT_SECONDS
//
// Joins GROUP, starts at the group's committed offsets (earliest where none), prints one line
// `PARTITION OFFSET KEY VALUE` per message, commits each one (OffsetCommit), and exits 0 after
// COUNT messages, leaving the group; exits 1 on an error or when TIMEOUT_SECONDS pass first.
import { Kafka, logLevel } from "kafkajs";

const [bootstrap, topic, groupId, count, timeoutSeconds] = process.argv.slice(2);
const kafka = new Kafka({ clientId: "system-tests", brokers: [bootstrap], logLevel: logLevel.ERROR });
const consumer = kafka.consumer({ groupId });
let received = 0;
let finish;
const done = new Promise((resolve) => { finish = resolve; });
const timer = setTimeout(() => {
  console.error(`timeout: ${received} of ${count} messages received`);
  finish(1);
}, Number(timeoutSeconds) * 1000);

try {
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic: t, partition, message }) => {
      if (received >= Number(count)) {
        return;
      }
      console.log(`${partition} ${message.offset} ${message.key?.toString() ?? ""} ${message.value?.toString() ?? ""}`);
      await consumer.commitOffsets([{ topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      received += 1;
      if (received === Number(count)) {
        finish(0);
      }
    },
  });
  process.exitCode = await done;
} catch (e) {
  console.error(`error: ${e.stack ?? e}`);
  process.exitCode = 1;
} finally {
  clearTimeout(timer);
  await consumer.disconnect();
}
