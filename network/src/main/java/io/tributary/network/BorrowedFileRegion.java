package io.tributary.network;

import io.netty.channel.DefaultFileRegion;
import java.nio.channels.FileChannel;

/**
 * A {@link DefaultFileRegion} over a file channel that someone else owns: the storage engine's
 * segment file behind a {@code FileChannelRecords}. Releasing the region does not close the
 * channel, which the storage engine keeps using (and closes itself when the segment is deleted).
 *
 * <p>Why a subclass and not a custom {@link io.netty.channel.FileRegion}: Netty's epoll transport
 * uses the {@code sendfile} system call only for {@code instanceof DefaultFileRegion}
 * (AbstractEpollStreamChannel.doWriteSingle in Netty 4.1.115); any other region is copied through
 * {@link io.netty.channel.FileRegion#transferTo}. NIO uses {@link FileChannel#transferTo}, which is
 * {@code sendfile} too.
 *
 * <p><b>Pitfalls.</b> The channel must stay open until the write completes: a segment deleted and
 * closed while its bytes are being sent fails that write, and the connection is closed (Kafka
 * avoids it by deleting files after {@code file.delete.delay.ms}). A region cannot pass through a
 * TLS handler; a TLS listener will have to copy records instead.
 */
final class BorrowedFileRegion extends DefaultFileRegion {

    BorrowedFileRegion(FileChannel channel, long position, long count) {
        super(channel, position, count);
    }

    /** Nothing to free: the channel is not ours to close. */
    @Override
    protected void deallocate() {
    }
}
