package io.tributary.records;

import java.nio.ByteBuffer;

/**
 * A sequence of record batches as raw bytes, exactly as they travel on the wire and lie on disk
 * (DESIGN D3). Implementations are views: in memory ({@link MemoryRecords}) or, later, a slice of a
 * segment file that the network layer sends without copying.
 *
 * <p>The protocol codec only needs the size and, when it serialises into a plain buffer, a copy.
 * A transport that can send file regions asks for the concrete type instead of calling
 * {@link #copyTo(ByteBuffer)}.
 */
public interface Records {

    /** The number of bytes these records occupy on the wire. */
    int sizeInBytes();

    /**
     * Copies all {@link #sizeInBytes()} bytes into {@code destination} at its position, advancing it.
     *
     * @throws java.nio.BufferOverflowException if fewer bytes remain in {@code destination}
     */
    void copyTo(ByteBuffer destination);
}
