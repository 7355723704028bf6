package io.tributary.network;

import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaked a Netty buffer (STYLE: a paranoid leak-detection run). Netty only logs
 * leaks, and only when it happens to notice them; this extension makes them test failures:
 * <ol>
 *   <li>sets the detection level to PARANOID (every buffer tracked), whatever the JVM flags say;</li>
 *   <li>registers a listener on the {@code ByteBuf} leak detector that records every leak;</li>
 *   <li>after each test, runs a garbage collection (awaiting a sentinel's enqueueing rather than
 *       sleeping), then allocates buffers, which makes the detector report what was collected
 *       without being released, and fails if anything was recorded.</li>
 * </ol>
 * {@link NettyLeakCheckTest} proves that a leaked buffer is caught.
 */
final class NettyLeakCheck implements BeforeAllCallback, AfterEachCallback {

    private static final List<String> leaks = new ArrayList<>();
    private static boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> found = collectLeaks();
        if (!found.isEmpty()) {
            fail("Netty buffers were leaked (not released):\n" + String.join("\n\n", found));
        }
    }

    static synchronized void install() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        if (installed) {
            return;
        }
        byteBufLeakDetector().setLeakListener((resourceType, records) -> {
            synchronized (leaks) {
                leaks.add(resourceType + " leaked: " + records);
            }
        });
        installed = true;
    }

    /** Collects garbage, makes the detector report, and returns (and forgets) the leaks found. */
    static List<String> collectLeaks() {
        for (int round = 0; round < 2; round++) {
            awaitGarbageCollection();
            for (int i = 0; i < 4; i++) {
                // Each tracked allocation polls the detector's reference queue (PARANOID level).
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(1);
                pooled.release();
                ByteBuf unpooled = Unpooled.buffer(1);
                unpooled.release();
                ByteBuf direct = ByteBufAllocator.DEFAULT.directBuffer(1);
                direct.release();
            }
        }
        synchronized (leaks) {
            List<String> found = new ArrayList<>(leaks);
            leaks.clear();
            return found;
        }
    }

    private static void awaitGarbageCollection() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        try {
            for (int attempt = 0; attempt < 50 && queue.poll() == null; attempt++) {
                System.gc();
                if (queue.remove(100) != null) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sentinel.clear();
    }

    @SuppressWarnings("unchecked")
    private static ResourceLeakDetector<ByteBuf> byteBufLeakDetector() {
        try {
            Class<?> abstractByteBuf = Class.forName("io.netty.buffer.AbstractByteBuf");
            Field field = abstractByteBuf.getDeclaredField("leakDetector");
            field.setAccessible(true);
            return (ResourceLeakDetector<ByteBuf>) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot reach Netty's ByteBuf leak detector; leak checks would be silently off", e);
        }
    }
}
