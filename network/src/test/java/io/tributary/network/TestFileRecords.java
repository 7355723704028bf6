package io.tributary.network;

import io.tributary.records.FileChannelRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** A slice of a file, as the storage engine's segment files hand it out. */
record TestFileRecords(FileChannel channel, long position, int sizeInBytes) implements FileChannelRecords {

    @Override
    public void copyTo(ByteBuffer destination) {
        ByteBuffer target = destination.slice(destination.position(), sizeInBytes);
        try {
            while (target.hasRemaining()) {
                if (channel.read(target, position + target.position()) < 0) {
                    throw new IOException("end of file");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        destination.position(destination.position() + sizeInBytes);
    }
}
