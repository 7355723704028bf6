package io.tributary.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.message.ApiMessageType.ListenerType;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated {@link ApiKey} table against Kafka's {@link ApiKeys} and the {@code ApiMessageType}
 * generated from the same schemas.
 */
class ApiKeyOracleTest {

    private static ApiKey ours(ApiKeys kafka) {
        ApiKey ours = ApiKey.forId(kafka.id);
        assertNotNull(ours, () -> "no ApiKey with id " + kafka.id + " (" + kafka + ")");
        return ours;
    }

    /** The version range in Kafka's message schema, unstable latest version included. */
    private static short kafkaLowest(ApiKeys kafka) {
        return kafka.messageType.lowestSupportedVersion();
    }

    private static short kafkaHighest(ApiKeys kafka) {
        return kafka.messageType.highestSupportedVersion(true);
    }

    static Stream<ApiKeys> apisWithVersions() {
        return Arrays.stream(ApiKeys.values()).filter(ApiKeys::hasValidVersion);
    }

    static Stream<ApiKeys> apisKafkaRemoved() {
        return Arrays.stream(ApiKeys.values()).filter(k -> !k.hasValidVersion());
    }

    static Stream<Arguments> everyVersionOfEveryApi() {
        return apisWithVersions().flatMap(k -> IntStream.rangeClosed(kafkaLowest(k), kafkaHighest(k))
                .mapToObj(v -> Arguments.of(k, (short) v)));
    }

    @ParameterizedTest
    @EnumSource(ApiKeys.class)
    void everyKafkaApiExistsWithTheSameIdAndConstantName(ApiKeys kafka) {
        assertEquals(kafka.name(), ours(kafka).name());
    }

    @ParameterizedTest
    @EnumSource(ApiKeys.class)
    void everyKafkaApiHasKafkasTitle(ApiKeys kafka) {
        assertEquals(kafka.name, ours(kafka).title);
    }

    @ParameterizedTest
    @MethodSource("apisWithVersions")
    void everyKafkaApiHasTheSameLowestVersion(ApiKeys kafka) {
        assertEquals(kafkaLowest(kafka), ours(kafka).lowestVersion);
    }

    @ParameterizedTest
    @MethodSource("apisWithVersions")
    void everyKafkaApiHasTheSameHighestVersionUnstableIncluded(ApiKeys kafka) {
        assertEquals(kafkaHighest(kafka), ours(kafka).highestVersion);
    }

    @ParameterizedTest
    @MethodSource("apisKafkaRemoved")
    void everyApiKafkaRemovedHasNoVersion(ApiKeys kafka) {
        ApiKey ours = ours(kafka);
        assertTrue(ours.lowestVersion > ours.highestVersion,
                () -> ours + " has versions " + ours.lowestVersion + "-" + ours.highestVersion);
    }

    @ParameterizedTest
    @EnumSource(ApiKeys.class)
    void everyKafkaApiSupportsExactlyKafkasVersions(ApiKeys kafka) {
        for (short v = -1; v <= kafkaHighest(kafka) + 2; v++) {
            assertEquals(kafka.isVersionSupported(v), ours(kafka).isVersionSupported(v), "version " + v);
        }
    }

    @ParameterizedTest
    @EnumSource(ApiKeys.class)
    void latestVersionIsUnstableExactlyWhenKafkaSaysSo(ApiKeys kafka) {
        assertEquals(kafka.messageType.latestVersionUnstable(), ours(kafka).latestVersionUnstable);
    }

    @ParameterizedTest
    @EnumSource(ApiKeys.class)
    void servedOnTheListenersKafkaServesItOn(ApiKeys kafka) {
        assertEquals(kafka.inScope(ListenerType.BROKER), ours(kafka).onBrokerListener, "broker listener");
        assertEquals(kafka.inScope(ListenerType.CONTROLLER), ours(kafka).onControllerListener, "controller listener");
    }

    @ParameterizedTest
    @MethodSource("everyVersionOfEveryApi")
    void requestHeaderVersionIsKafkas(ApiKeys kafka, short version) {
        assertEquals(kafka.requestHeaderVersion(version), ours(kafka).requestHeaderVersion(version));
    }

    @ParameterizedTest
    @MethodSource("everyVersionOfEveryApi")
    void responseHeaderVersionIsKafkas(ApiKeys kafka, short version) {
        assertEquals(kafka.responseHeaderVersion(version), ours(kafka).responseHeaderVersion(version));
    }

    @ParameterizedTest
    @MethodSource("everyVersionOfEveryApi")
    void flexibleExactlyWhenKafkaUsesRequestHeaderV2(ApiKeys kafka, short version) {
        assertEquals(kafka.requestHeaderVersion(version) == 2, ours(kafka).isFlexible(version));
    }

    @ParameterizedTest
    @EnumSource(ApiKey.class)
    void everyApiOfOursIsKafkasApiOfTheSameId(ApiKey ours) {
        assertTrue(ApiKeys.hasId(ours.id), () -> ours + " has id " + ours.id + ", which Kafka does not define");
        assertEquals(ours.name(), ApiKeys.forId(ours.id).name());
    }

    @Test
    void bothTablesHaveTheSameNumberOfApis() {
        assertEquals(ApiKeys.values().length, ApiKey.values().length);
    }
}
