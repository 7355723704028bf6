package io.tributary.broker.clients;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A Kafka connection over a plain blocking {@link Socket}, for tests that send what no client
 * would: hand-built frames, raw bytes, or well-formed requests serialized by Kafka's own classes
 * (the oracle), whose responses are parsed by Kafka's own classes too.
 *
 * <pre>
 * frame: | size int32 BE | request header | request body |   (size excludes its own 4 bytes)
 * </pre>
 *
 * <p>Every read waits at most the given timeout; a broker that neither answers nor closes in that
 * time fails the test instead of hanging it. Not thread-safe: one test thread drives it.
 */
final class RawKafkaConnection implements AutoCloseable {

    static final String CLIENT_ID = "raw-socket-test";

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextCorrelationId = 1;

    private RawKafkaConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code host:port}; reads wait at most {@code readTimeout}. */
    static RawKafkaConnection open(String hostPort, Duration readTimeout) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        Socket socket = new Socket(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) readTimeout.toMillis());
        return new RawKafkaConnection(socket);
    }

    /** Writes bytes exactly as given: no size prefix is added. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes {@code frame} preceded by its size. */
    void sendFrame(byte[] frame) throws IOException {
        sendRaw(ByteBuffer.allocate(4 + frame.length).putInt(frame.length).put(frame).array());
    }

    /** The header a client would send for {@code request} on this connection, with a fresh correlation id. */
    RequestHeader header(AbstractRequest request) {
        return new RequestHeader(request.apiKey(), request.version(), CLIENT_ID, nextCorrelationId++);
    }

    /** Header and body of {@code request} as Kafka's client serializes them, without the size prefix. */
    static byte[] serialize(AbstractRequest request, RequestHeader header) {
        ByteBuffer buffer = request.serializeWithHeader(header);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** A request header alone, as Kafka's client serializes it (its version follows from the API and version). */
    static byte[] serialize(RequestHeader header) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        ByteBuffer buffer = ByteBuffer.allocate(header.data().size(cache, header.headerVersion()));
        header.data().write(new ByteBufferAccessor(buffer), cache, header.headerVersion());
        return buffer.array();
    }

    /** Sends {@code request} and returns its response, parsed by Kafka's client classes. */
    @SuppressWarnings("unchecked")
    <R extends AbstractResponse> R roundTrip(AbstractRequest request) throws IOException {
        RequestHeader header = header(request);
        sendFrame(serialize(request, header));
        return (R) AbstractResponse.parseResponse(readFrame(), header);
    }

    /** The next response frame, without its size prefix. */
    ByteBuffer readFrame() throws IOException {
        int size = in.readInt();
        byte[] frame = new byte[size];
        in.readFully(frame);
        return ByteBuffer.wrap(frame);
    }

    /**
     * Waits until the broker closes the connection (end of stream or reset). Returns false if it
     * is still open after the read timeout, or if it sent a byte instead.
     */
    boolean awaitClosedByBroker() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException | SocketException e) {
            return true;
        }
    }

    /** Half-closes: the broker reads end of stream after what was sent. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
