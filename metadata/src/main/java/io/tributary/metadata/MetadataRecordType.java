package io.tributary.metadata;

import io.tributary.metadata.record.BrokerRegistrationChangeRecord;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.FeatureLevelRecord;
import io.tributary.metadata.record.FenceBrokerRecord;
import io.tributary.metadata.record.NoOpRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.ProducerIdsRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.metadata.record.UnfenceBrokerRecord;
import io.tributary.metadata.record.UnregisterBrokerRecord;
import io.tributary.protocol.ApiMessage;
import java.util.function.Supplier;

/**
 * Every metadata record type, by the api key its schema declares in {@code src/main/schemas}. The
 * keys are Kafka's (its {@code MetadataRecordType}), so a record means the same in both systems;
 * keys Kafka uses for records we do not have (ACLs, SCRAM, quotas, delegation tokens, ...) are
 * simply absent until we add those schemas.
 *
 * <p>{@code MetadataRecordTypeTest} checks this table against the schema files.
 */
public enum MetadataRecordType {

    REGISTER_BROKER(RegisterBrokerRecord.API_KEY, RegisterBrokerRecord.class, RegisterBrokerRecord::new),
    UNREGISTER_BROKER(UnregisterBrokerRecord.API_KEY, UnregisterBrokerRecord.class, UnregisterBrokerRecord::new),
    TOPIC(TopicRecord.API_KEY, TopicRecord.class, TopicRecord::new),
    PARTITION(PartitionRecord.API_KEY, PartitionRecord.class, PartitionRecord::new),
    CONFIG(ConfigRecord.API_KEY, ConfigRecord.class, ConfigRecord::new),
    PARTITION_CHANGE(PartitionChangeRecord.API_KEY, PartitionChangeRecord.class, PartitionChangeRecord::new),
    FENCE_BROKER(FenceBrokerRecord.API_KEY, FenceBrokerRecord.class, FenceBrokerRecord::new),
    UNFENCE_BROKER(UnfenceBrokerRecord.API_KEY, UnfenceBrokerRecord.class, UnfenceBrokerRecord::new),
    REMOVE_TOPIC(RemoveTopicRecord.API_KEY, RemoveTopicRecord.class, RemoveTopicRecord::new),
    FEATURE_LEVEL(FeatureLevelRecord.API_KEY, FeatureLevelRecord.class, FeatureLevelRecord::new),
    PRODUCER_IDS(ProducerIdsRecord.API_KEY, ProducerIdsRecord.class, ProducerIdsRecord::new),
    BROKER_REGISTRATION_CHANGE(BrokerRegistrationChangeRecord.API_KEY, BrokerRegistrationChangeRecord.class,
            BrokerRegistrationChangeRecord::new),
    NO_OP(NoOpRecord.API_KEY, NoOpRecord.class, NoOpRecord::new);

    /** Indexed by api key; Kafka's keys are small and dense. */
    private static final MetadataRecordType[] BY_API_KEY = byApiKey();

    private final short apiKey;
    private final Class<? extends ApiMessage> recordClass;
    private final Supplier<ApiMessage> factory;
    private final short lowestSupportedVersion;
    private final short highestSupportedVersion;

    MetadataRecordType(short apiKey, Class<? extends ApiMessage> recordClass, Supplier<ApiMessage> factory) {
        this.apiKey = apiKey;
        this.recordClass = recordClass;
        this.factory = factory;
        ApiMessage prototype = factory.get();
        this.lowestSupportedVersion = prototype.lowestSupportedVersion();
        this.highestSupportedVersion = prototype.highestSupportedVersion();
    }

    private static MetadataRecordType[] byApiKey() {
        int max = 0;
        for (MetadataRecordType type : values()) {
            max = Math.max(max, type.apiKey);
        }
        MetadataRecordType[] table = new MetadataRecordType[max + 1];
        for (MetadataRecordType type : values()) {
            if (table[type.apiKey] != null) {
                throw new ExceptionInInitializerError("api key " + type.apiKey + " used by " + table[type.apiKey] + " and " + type);
            }
            table[type.apiKey] = type;
        }
        return table;
    }

    /** The type with {@code apiKey}, or null if no metadata record has it. */
    public static MetadataRecordType forApiKey(int apiKey) {
        return apiKey >= 0 && apiKey < BY_API_KEY.length ? BY_API_KEY[apiKey] : null;
    }

    /**
     * The type of {@code record}.
     *
     * @throws IllegalArgumentException if {@code record} is not a metadata record, e.g. a protocol
     *                                  message whose api key happens to collide with one
     */
    public static MetadataRecordType of(ApiMessage record) {
        MetadataRecordType type = forApiKey(record.apiKey());
        if (type == null || !type.recordClass.isInstance(record)) {
            throw new IllegalArgumentException(record.getClass().getName() + " (api key " + record.apiKey()
                    + ") is not a metadata record");
        }
        return type;
    }

    public short apiKey() {
        return apiKey;
    }

    public Class<? extends ApiMessage> recordClass() {
        return recordClass;
    }

    /** A new record of this type with every field at its default. */
    public ApiMessage newRecord() {
        return factory.get();
    }

    public short lowestSupportedVersion() {
        return lowestSupportedVersion;
    }

    public short highestSupportedVersion() {
        return highestSupportedVersion;
    }
}
