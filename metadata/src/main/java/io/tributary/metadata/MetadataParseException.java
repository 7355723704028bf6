package io.tributary.metadata;

/**
 * The bytes of a metadata record value cannot be turned into a record: an unknown frame version,
 * api key or record version, malformed or truncated fields, or bytes left over after the record.
 * The metadata log is written only by our controllers, so this means corruption or a log written
 * by a newer release; it is never answered by skipping the record.
 */
public final class MetadataParseException extends RuntimeException {

    public MetadataParseException(String message) {
        super(message);
    }

    public MetadataParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
