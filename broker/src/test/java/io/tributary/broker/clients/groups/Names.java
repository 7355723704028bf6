package io.tributary.broker.clients.groups;

import java.util.concurrent.ThreadLocalRandom;

/** Topic and group names unique to one test, so tests never see each other's groups on a shared broker. */
final class Names {

    private Names() {
    }

    static String unique(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    }
}
