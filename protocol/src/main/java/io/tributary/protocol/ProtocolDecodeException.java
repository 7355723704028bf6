package io.tributary.protocol;

/**
 * The one exception for malformed input while decoding a message: truncated data, a length or
 * count larger than what remains, a null where the version allows none, a bad varint. Its message
 * names the message, the field path and the byte offset, e.g.
 * {@code malformed ProduceRequest v9: TopicData.PartitionData.Records at offset 57: length 1000 exceeds the 120 bytes remaining}.
 *
 * <p>Generated readers add the field path and the message name as the exception unwinds.
 */
public final class ProtocolDecodeException extends RuntimeException {

    private final int offset;
    private final String reason;
    private String path = "";
    private String messageName;
    private short version = -1;

    public ProtocolDecodeException(int offset, String reason) {
        super(reason, null, false, true);
        this.offset = offset;
        this.reason = reason;
    }

    /** Prepends a field name to the path of the failing field; a null field leaves it unchanged. */
    public ProtocolDecodeException inField(String field) {
        if (field != null) {
            path = path.isEmpty() ? field : field + "." + path;
        }
        return this;
    }

    /** Names the message that was being decoded. */
    public ProtocolDecodeException inMessage(String name, short version) {
        this.messageName = name;
        this.version = version;
        return this;
    }

    /** The byte offset, from the start of the decoded buffer, at which decoding failed. */
    public int offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }

    /** The field path, e.g. {@code TopicData.PartitionData.Records}, or empty if not known. */
    public String fieldPath() {
        return path;
    }

    public String messageName() {
        return messageName;
    }

    @Override
    public String getMessage() {
        StringBuilder b = new StringBuilder("malformed ");
        b.append(messageName == null ? "message" : messageName);
        if (version >= 0) {
            b.append(" v").append(version);
        }
        b.append(": ");
        if (!path.isEmpty()) {
            b.append(path).append(' ');
        }
        return b.append("at offset ").append(offset).append(": ").append(reason).toString();
    }
}
