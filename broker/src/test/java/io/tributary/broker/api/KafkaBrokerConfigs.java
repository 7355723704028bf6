package io.tributary.broker.api;

/**
 * What a Kafka 4.3.1 broker answers in DescribeConfigs for each broker setting Tributary also has:
 * name, config type id, read-only. Recorded from a running Kafka broker; a setting is not read-only
 * when Kafka can change it dynamically.
 */
final class KafkaBrokerConfigs {

    static final String TYPES_AND_READ_ONLY = """
            node.id 3 true
            broker.id 3 true
            process.roles 7 true
            controller.listener.names 7 true
            controller.quorum.voters 7 true
            controller.quorum.bootstrap.servers 7 true
            metadata.log.dir 2 true
            listeners 7 false
            advertised.listeners 7 true
            listener.security.protocol.map 2 false
            inter.broker.listener.name 2 true
            security.inter.broker.protocol 2 true
            socket.send.buffer.bytes 3 true
            socket.receive.buffer.bytes 3 true
            socket.request.max.bytes 3 true
            queued.max.requests 3 true
            num.network.threads 3 false
            num.io.threads 3 false
            num.partitions 3 true
            default.replication.factor 3 true
            auto.create.topics.enable 1 true
            delete.topic.enable 1 true
            min.insync.replicas 3 false
            unclean.leader.election.enable 1 false
            compression.type 2 false
            compression.gzip.level 3 false
            compression.lz4.level 3 false
            compression.zstd.level 3 false
            message.max.bytes 3 false
            log.dir 7 true
            log.dirs 7 true
            num.recovery.threads.per.data.dir 3 false
            log.segment.bytes 3 false
            log.roll.ms 5 false
            log.roll.hours 3 true
            log.roll.jitter.ms 5 false
            log.roll.jitter.hours 3 true
            log.index.size.max.bytes 3 false
            log.index.interval.bytes 3 false
            log.preallocate 1 false
            log.segment.delete.delay.ms 5 false
            log.message.timestamp.type 2 false
            log.message.timestamp.before.max.ms 5 false
            log.message.timestamp.after.max.ms 5 false
            log.flush.interval.messages 5 false
            log.flush.interval.ms 5 false
            log.flush.scheduler.interval.ms 5 true
            log.flush.offset.checkpoint.interval.ms 3 true
            log.flush.start.offset.checkpoint.interval.ms 3 true
            log.retention.ms 5 false
            log.retention.minutes 3 true
            log.retention.hours 3 true
            log.retention.bytes 5 false
            log.retention.check.interval.ms 5 true
            log.local.retention.ms 5 false
            log.local.retention.bytes 5 false
            log.cleanup.policy 7 false
            log.cleaner.enable 1 true
            log.cleaner.threads 3 false
            log.cleaner.delete.retention.ms 5 false
            log.cleaner.min.compaction.lag.ms 5 false
            log.cleaner.max.compaction.lag.ms 5 false
            log.cleaner.min.cleanable.ratio 6 false
            num.replica.fetchers 3 false
            replica.lag.time.max.ms 5 true
            replica.fetch.max.bytes 3 true
            replica.fetch.min.bytes 3 true
            replica.fetch.wait.max.ms 3 true
            replica.fetch.response.max.bytes 3 true
            replica.fetch.backoff.ms 3 true
            replica.high.watermark.checkpoint.interval.ms 5 true
            producer.id.expiration.ms 3 false
            transactional.id.expiration.ms 3 true
            transaction.max.timeout.ms 3 true
            transaction.state.log.num.partitions 3 true
            transaction.state.log.replication.factor 4 true
            transaction.state.log.min.isr 3 true
            transaction.state.log.segment.bytes 3 true
            offsets.topic.num.partitions 3 true
            offsets.topic.replication.factor 4 true
            offsets.topic.segment.bytes 3 true
            offsets.retention.minutes 3 true
            offsets.retention.check.interval.ms 5 true
            offsets.commit.timeout.ms 3 true
            group.initial.rebalance.delay.ms 3 true
            group.min.session.timeout.ms 3 true
            group.max.session.timeout.ms 3 true
            group.max.size 3 true
            """;

    private KafkaBrokerConfigs() {
    }
}
