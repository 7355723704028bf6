package io.tributary.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the network layer knows about one accepted connection, fixed when it is accepted and put
 * into every {@link RequestContext} of it. Immutable.
 *
 * @param id            unique among the server's connections, in Kafka's form
 *                      {@code localHost:localPort-remoteHost:remotePort-index}
 * @param listenerName  the listener the connection came in on
 * @param clientAddress the peer's address
 */
record Connection(String id, String listenerName, InetSocketAddress clientAddress) {

    /** Describes an accepted socket; {@code index} makes the id unique even when addresses repeat. */
    static Connection accepted(String listenerName, SocketAddress local, SocketAddress remote, AtomicLong index) {
        InetSocketAddress client = remote instanceof InetSocketAddress r ? r : InetSocketAddress.createUnresolved(String.valueOf(remote), 0);
        String id = hostPort(local) + "-" + hostPort(remote) + "-" + index.getAndIncrement();
        return new Connection(id, listenerName, client);
    }

    private static String hostPort(SocketAddress address) {
        if (address instanceof InetSocketAddress a) {
            InetAddress ip = a.getAddress();
            return (ip == null ? a.getHostString() : ip.getHostAddress()) + ":" + a.getPort();
        }
        return String.valueOf(address);
    }

    @Override
    public String toString() {
        return "connection " + id + " on listener " + listenerName;
    }
}
