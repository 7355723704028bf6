// A kafkajs producer of COUNT keyed messages in one send (one batch), with kafkajs' own batch
// encoder and codecs.
//
// usage: node kafkajs_producer.mjs BOOTSTRAP TOPIC COUNT none|gzip plain|idempotent
//
// Prints `sent PARTITION BASE_OFFSET ERROR_CODE` per partition of the result; exits 1 on an error.
// An idempotent producer asks for a producer id (InitProducerId) and numbers its batches.
import { Kafka, CompressionTypes, logLevel } from "kafkajs";

const [bootstrap, topic, count, compression, mode] = process.argv.slice(2);
const kafka = new Kafka({ clientId: "system-tests", brokers: [bootstrap], logLevel: logLevel.ERROR });
const idempotent = mode === "idempotent";
const producer = kafka.producer({ idempotent, maxInFlightRequests: idempotent ? 1 : undefined });

try {
  await producer.connect();
  const results = await producer.send({
    topic,
    acks: -1,
    compression: compression === "gzip" ? CompressionTypes.GZIP : CompressionTypes.None,
    messages: Array.from({ length: Number(count) }, (_, i) => ({ key: `key-${i}`, value: `value-${i}` })),
  });
  for (const r of results) {
    console.log(`sent ${r.partition} ${r.baseOffset} ${r.errorCode}`);
  }
} catch (e) {
  console.error(`error: ${e.stack ?? e}`);
  process.exitCode = 1;
} finally {
  await producer.disconnect();
}
