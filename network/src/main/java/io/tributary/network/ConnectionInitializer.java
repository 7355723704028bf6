package io.tributary.network;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.tributary.common.Time;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the pipeline of each connection accepted on one listener.
 *
 * <pre>
 *   socket bytes
 *       │ inbound                                                outbound ▲
 *       ▼                                                                 │
 *   FrameDecoder ─ size-capped frames (heap ByteBuffer) or a violation    │
 *   RequestDecoder ─ RequestContext (header + body) or a violation        │
 *   ResponseEncoder ───────────────────── size + header + body parts ─────┘
 *   RequestDispatchHandler ─ dispatch in order, write responses in order
 * </pre>
 *
 * <p>Every stage is thin and runs on the connection's event loop; no stage blocks.
 */
final class ConnectionInitializer extends ChannelInitializer<Channel> {

    private final String listenerName;
    private final NetworkConfig config;
    private final RequestDispatcher dispatcher;
    private final Time time;
    private final AtomicLong connectionIndex;

    ConnectionInitializer(String listenerName, NetworkConfig config, RequestDispatcher dispatcher, Time time,
            AtomicLong connectionIndex) {
        this.listenerName = listenerName;
        this.config = config;
        this.dispatcher = dispatcher;
        this.time = time;
        this.connectionIndex = connectionIndex;
    }

    @Override
    protected void initChannel(Channel channel) {
        Connection connection = Connection.accepted(listenerName, channel.localAddress(), channel.remoteAddress(), connectionIndex);
        install(channel.pipeline(), connection, config, dispatcher, time);
    }

    /** Adds the stages for {@code connection}; also how codec tests build an embedded channel. */
    static void install(ChannelPipeline pipeline, Connection connection, NetworkConfig config, RequestDispatcher dispatcher,
            Time time) {
        pipeline.addLast("frameDecoder", new FrameDecoder(config.socketRequestMaxBytes()));
        pipeline.addLast("requestDecoder", new RequestDecoder(connection, dispatcher, time));
        pipeline.addLast("responseEncoder", new ResponseEncoder());
        pipeline.addLast("requestDispatcher", new RequestDispatchHandler(connection, dispatcher, config));
    }
}
