package io.tributary.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Errors} against Kafka's own {@code org.apache.kafka.common.protocol.Errors}. */
class ErrorsOracleTest {

    private static Errors ours(org.apache.kafka.common.protocol.Errors kafka) {
        return Errors.valueOf(kafka.name());
    }

    private static boolean kafkaRetriable(org.apache.kafka.common.protocol.Errors kafka) {
        ApiException exception = kafka.exception();
        return exception instanceof RetriableException;
    }

    @ParameterizedTest
    @EnumSource(org.apache.kafka.common.protocol.Errors.class)
    void everyKafkaErrorExistsWithTheSameCode(org.apache.kafka.common.protocol.Errors kafka) {
        assertEquals(kafka.code(), ours(kafka).code());
    }

    @ParameterizedTest
    @EnumSource(org.apache.kafka.common.protocol.Errors.class)
    void everyKafkaErrorIsRetriableExactlyWhenKafkasExceptionIs(org.apache.kafka.common.protocol.Errors kafka) {
        assertEquals(kafkaRetriable(kafka), ours(kafka).retriable());
    }

    @ParameterizedTest
    @EnumSource(org.apache.kafka.common.protocol.Errors.class)
    void everyKafkaErrorHasKafkasDefaultMessage(org.apache.kafka.common.protocol.Errors kafka) {
        assertEquals(kafka.message(), ours(kafka).message());
    }

    @ParameterizedTest
    @EnumSource(Errors.class)
    void everyErrorOfOursIsKafkasErrorOfTheSameCode(Errors ours) {
        assertEquals(ours.name(), org.apache.kafka.common.protocol.Errors.forCode(ours.code()).name());
    }

    @Test
    void bothTablesHaveTheSameNumberOfErrors() {
        assertEquals(org.apache.kafka.common.protocol.Errors.values().length, Errors.values().length);
    }

    @ParameterizedTest
    @EnumSource(Errors.class)
    void forCodeFindsEveryError(Errors error) {
        assertSame(error, Errors.forCode(error.code()));
    }

    @ParameterizedTest
    @ValueSource(shorts = {Short.MIN_VALUE, -2, 134, 1000, Short.MAX_VALUE})
    void unknownCodeReadsAsUnknownServerErrorAsInKafka(short code) {
        assertSame(Errors.UNKNOWN_SERVER_ERROR, Errors.forCode(code));
        assertEquals(org.apache.kafka.common.protocol.Errors.forCode(code).name(), Errors.forCode(code).name());
    }
}
