package io.tributary.records;

import java.nio.channels.FileChannel;

/**
 * Records that are a slice of a file: what a Fetch response sends with {@code sendfile} (DESIGN
 * D3). The transport sends {@link #sizeInBytes()} bytes of {@link #channel()} from
 * {@link #position()} without copying them into the heap. The channel belongs to the storage
 * engine: a transport must never close it.
 */
public interface FileChannelRecords extends Records {

    FileChannel channel();

    /** Position of the first byte in the file. */
    long position();
}
