package io.tributary.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.netty.util.ReferenceCountUtil;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiMessage;
import io.tributary.protocol.ByteBufferWriter;
import io.tributary.protocol.ProtocolReader;
import io.tributary.protocol.ProtocolWriter;
import io.tributary.protocol.RawTaggedField;
import io.tributary.protocol.ResponseHeader;
import io.tributary.protocol.message.ApiVersionsResponseData;
import io.tributary.protocol.message.FetchResponseData;
import io.tributary.records.MemoryRecords;
import io.tributary.records.Records;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NettyLeakCheck.class)
class ResponseEncoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new ResponseEncoder());

    @TempDir
    Path directory;

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void writesSizeThenHeaderThenBody() {
        ApiVersionsResponseData body = new ApiVersionsResponseData().setThrottleTimeMs(7);
        ResponseHeader header = new ResponseHeader(5, (short) 0);

        byte[] wire = encode(new ResponseFrame(header, body, (short) 3));

        ByteBuffer expected = ByteBuffer.allocate(4 + header.size() + body.size((short) 3));
        expected.putInt(header.size() + body.size((short) 3));
        ByteBufferWriter writer = new ByteBufferWriter(expected);
        header.write(writer);
        body.write(writer, (short) 3);
        assertArrayEquals(expected.array(), wire);
    }

    @Test
    void flexibleResponsesGetHeaderVersionOneWithTaggedFields() {
        ResponseHeader header = new ResponseHeader(5, (short) 1);
        FetchResponseData body = fetchResponse(null);

        ByteBuffer wire = ByteBuffer.wrap(encode(new ResponseFrame(header, body, (short) 12)));

        Requests.ParsedResponse parsed = Requests.parseResponse(wire, ApiKey.FETCH, (short) 1, (short) 12);
        assertEquals(5, parsed.correlationId());
        assertEquals(body, parsed.body());
    }

    @Test
    void fileChannelRecordsAreSentAsAFileRegionThatLeavesTheChannelOpen() throws Exception {
        byte[] content = bytes(5000, 3);
        try (FileChannel file = fileWith(content)) {
            Records slice = new TestFileRecords(file, 1000, 3000);

            List<Object> parts = write(new ResponseFrame(new ResponseHeader(1, (short) 1), fetchResponse(slice), (short) 12));

            assertEquals(3, parts.size(), "fields, file region, fields");
            DefaultFileRegion region = assertInstanceOf(DefaultFileRegion.class, parts.get(1),
                    "a DefaultFileRegion, which epoll sends with sendfile");
            assertEquals(1000, region.position());
            assertEquals(3000, region.count());
            ByteBuffer wire = ByteBuffer.wrap(concatenateAndRelease(parts));
            assertTrue(file.isOpen(), "releasing the region must not close the storage engine's file");
            FetchResponseData parsed = (FetchResponseData) Requests.parseResponse(wire, ApiKey.FETCH, (short) 1, (short) 12).body();
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 1000, 4000), recordBytes(parsed));
        }
    }

    @Test
    void memoryRecordsAreWrappedNotCopied() {
        ByteBuffer batch = ByteBuffer.wrap(bytes(TransportWriter.WRAP_THRESHOLD_BYTES, 9));

        List<Object> parts = write(new ResponseFrame(new ResponseHeader(1, (short) 1),
                fetchResponse(MemoryRecords.readableRecords(batch)), (short) 12));

        ByteBuf records = assertInstanceOf(ByteBuf.class, parts.get(1));
        assertSame(batch.array(), records.array(), "the records' own bytes, not a copy");
        concatenateAndRelease(parts);
    }

    @Test
    void smallMemoryRecordsAreCopiedIntoTheFieldBuffer() {
        ByteBuffer batch = ByteBuffer.wrap(bytes(100, 9));

        List<Object> parts = write(new ResponseFrame(new ResponseHeader(1, (short) 1),
                fetchResponse(MemoryRecords.readableRecords(batch)), (short) 12));

        assertEquals(1, parts.size());
        FetchResponseData parsed = (FetchResponseData) Requests.parseResponse(
                ByteBuffer.wrap(concatenateAndRelease(parts)), ApiKey.FETCH, (short) 1, (short) 12).body();
        assertArrayEquals(batch.array(), recordBytes(parsed));
    }

    @Test
    void bodyThatCannotBeWrittenAtItsVersionFailsTheWriteAndWritesNothing() {
        ApiMessage body = new ApiVersionsResponseData();

        ChannelFuture write = channel.writeAndFlush(new ResponseFrame(new ResponseHeader(1, (short) 0), body, (short) 99));

        assertFalse(write.isSuccess());
        assertInstanceOf(EncoderException.class, write.cause());
        assertNull(channel.readOutbound());
    }

    @Test
    void bodyWhoseSizeDisagreesWithWhatItWroteFailsTheWriteAndReleasesItsBuffers() {
        ApiMessage lying = new SizeOffByOne(new ApiVersionsResponseData());

        ChannelFuture write = channel.writeAndFlush(new ResponseFrame(new ResponseHeader(1, (short) 0), lying, (short) 3));

        assertFalse(write.isSuccess());
        assertTrue(write.cause().getMessage().contains("sizes said"), write.cause().getMessage());
        assertNull(channel.readOutbound(), "half a response would corrupt the stream");
    }

    /** A message whose {@code size} says one byte more than {@code write} writes: a generator bug. */
    private record SizeOffByOne(ApiMessage message) implements ApiMessage {
        @Override
        public short apiKey() {
            return message.apiKey();
        }

        @Override
        public void read(ProtocolReader reader, short version) {
            message.read(reader, version);
        }

        @Override
        public void write(ProtocolWriter writer, short version) {
            message.write(writer, version);
        }

        @Override
        public int size(short version) {
            return message.size(version) + 1;
        }

        @Override
        public short lowestSupportedVersion() {
            return message.lowestSupportedVersion();
        }

        @Override
        public short highestSupportedVersion() {
            return message.highestSupportedVersion();
        }

        @Override
        public List<RawTaggedField> unknownTaggedFields() {
            return message.unknownTaggedFields();
        }
    }

    private byte[] encode(ResponseFrame frame) {
        return concatenateAndRelease(write(frame));
    }

    private List<Object> write(ResponseFrame frame) {
        ChannelFuture write = channel.writeAndFlush(frame);
        assertTrue(write.isSuccess(), () -> String.valueOf(write.cause()));
        List<Object> parts = new ArrayList<>();
        for (Object part; (part = channel.readOutbound()) != null; ) {
            parts.add(part);
        }
        return parts;
    }

    private static byte[] concatenateAndRelease(List<Object> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            try {
                EmbeddedConnection.copy(part, out);
            } finally {
                ReferenceCountUtil.release(part);
            }
        }
        return out.toByteArray();
    }

    private FileChannel fileWith(byte[] content) throws Exception {
        Path file = directory.resolve("00000000000000000000.log");
        Files.write(file, content);
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    static FetchResponseData fetchResponse(Records records) {
        return new FetchResponseData().setResponses(List.of(new FetchResponseData.FetchableTopicResponse()
                .setTopic("events")
                .setPartitions(List.of(new FetchResponseData.PartitionData()
                        .setPartitionIndex(0).setHighWatermark(10).setRecords(records)))));
    }

    static byte[] recordBytes(FetchResponseData response) {
        MemoryRecords records = (MemoryRecords) response.responses().get(0).partitions().get(0).records();
        ByteBuffer buffer = records.buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    static byte[] bytes(int size, int seed) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 7 + seed);
        }
        return bytes;
    }
}
