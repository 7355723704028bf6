package io.tributary.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.Time;
import io.tributary.metadata.ApiMessageAndVersion;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.MetadataListener;
import io.tributary.metadata.record.RegisterBrokerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ControllerTest {

    /** Every append committed at once, in memory. */
    private static final class MemoryLog implements MetadataLog {
        private long nextOffset;

        @Override
        public void replay(Consumer<Committed> batches) {
        }

        @Override
        public long append(List<ApiMessageAndVersion> records) {
            nextOffset += records.size();
            return nextOffset - 1;
        }
    }

    @Test
    void otherThreadsSeeACommitOnlyOnceEveryListenerHasAppliedIt() throws Exception {
        Controller controller = new Controller(new MemoryLog(), new ControllerConfig(1, 1, (short) 1, true, (configs, image) -> null),
                Time.SYSTEM);
        List<Boolean> publishedDuringListener = new ArrayList<>();
        controller.addListener(new MetadataListener() {
            @Override
            public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
                publishedDuringListener.add(controller.image() == newImage);
            }
        });
        controller.start();
        try {
            controller.registerBroker(new RegisterBrokerRecord()).get(10, TimeUnit.SECONDS);

            assertEquals(List.of(true, false), publishedDuringListener, "at start-up, then on the commit");
            assertTrue(controller.image().cluster().broker(1).isPresent());
        } finally {
            controller.close();
        }
    }
}
