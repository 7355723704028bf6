package io.tributary.storage.index;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases a memory mapping now instead of when the garbage collector finds the buffer.
 *
 * <p>Why not leave it to the GC: an index is remapped on every resize and trim, and unmapping
 * lazily can stall application threads in a GC pause while the kernel tears down mappings
 * (KAFKA-4614); on Windows a mapped file can be neither truncated nor deleted. The JDK offers no
 * public API for this, so {@code sun.misc.Unsafe.invokeCleaner} (module {@code jdk.unsupported},
 * open to reflection) is used when present; otherwise unmapping falls back to the GC.
 *
 * <p><b>Pitfall:</b> touching a buffer after {@link #unmap} crashes the JVM (SIGSEGV), not an
 * exception. Callers must guarantee that no thread holds or will use the buffer: {@link AbstractIndex}
 * unmaps only under its write lock and drops its reference in the same critical section.
 *
 * <p>Thread safe (stateless after class initialisation).
 */
final class MappedBufferUnmapper {

    private static final Logger LOG = LoggerFactory.getLogger(MappedBufferUnmapper.class);
    private static final MethodHandle INVOKE_CLEANER = findInvokeCleaner();

    private MappedBufferUnmapper() {
    }

    /** Unmaps {@code buffer} now if the platform allows it; otherwise the GC will. */
    static void unmap(MappedByteBuffer buffer) {
        if (INVOKE_CLEANER == null) {
            return;
        }
        try {
            INVOKE_CLEANER.invokeExact((ByteBuffer) buffer);
        } catch (Throwable t) {
            LOG.warn("Could not unmap an index buffer; the garbage collector will release it", t);
        }
    }

    private static MethodHandle findInvokeCleaner() {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            MethodHandle cleaner = MethodHandles.lookup().findVirtual(unsafeClass, "invokeCleaner",
                    MethodType.methodType(void.class, ByteBuffer.class));
            return cleaner.bindTo(unsafe);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("sun.misc.Unsafe.invokeCleaner is not available ({}); index mappings are released by the GC", e.toString());
            return null;
        }
    }
}
