package io.tributary.network;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty transport the server runs on: native epoll where available (Linux; {@code sendfile}
 * for file regions, edge-triggered I/O), Java NIO elsewhere. Both send file regions with
 * {@code sendfile}.
 */
enum NettyTransport {

    EPOLL {
        @Override
        EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
            return new EpollEventLoopGroup(threads, threadFactory);
        }

        @Override
        Class<? extends ServerChannel> serverChannelClass() {
            return EpollServerSocketChannel.class;
        }
    },

    NIO {
        @Override
        EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
            return new NioEventLoopGroup(threads, threadFactory);
        }

        @Override
        Class<? extends ServerChannel> serverChannelClass() {
            return NioServerSocketChannel.class;
        }
    };

    abstract EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory);

    abstract Class<? extends ServerChannel> serverChannelClass();

    /** Epoll if its native library loads on this machine, NIO otherwise. */
    static NettyTransport preferred() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }
}
