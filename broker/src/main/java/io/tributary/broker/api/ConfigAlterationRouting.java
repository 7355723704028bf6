package io.tributary.broker.api;

import io.tributary.broker.api.ConfigAlterationChecks.ResourceKey;
import io.tributary.controller.ApiError;
import io.tributary.controller.Controller;
import io.tributary.controller.Controller.Result;
import io.tributary.metadata.image.MetadataImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The path a config alteration request takes, shared by AlterConfigs and IncrementalAlterConfigs as
 * Kafka splits it between broker and controller: a resource named twice in the request fails at
 * once; each other resource goes through the broker's part, which answers it or passes it on; the
 * passed ones go to the controller in one operation (one metadata batch). Results come back in
 * request order.
 *
 * <p>Stateless; the broker's part runs on the caller's thread, the controller's on the controller thread.
 */
final class ConfigAlterationRouting {

    private ConfigAlterationRouting() {
    }

    /**
     * @param resources      the request's resources, in order
     * @param keyOf          a resource's type and name, for the duplicate check
     * @param brokerPart     the broker's answer for a resource, or null to pass it to the controller
     * @param forwardOf      what the controller is given for a passed resource
     * @param controllerPart the controller operation over all passed resources, answering each in order
     * @return one result per resource, in request order
     */
    static <R, F> CompletableFuture<ApiError[]> route(Controller controller, List<R> resources, Function<R, ResourceKey> keyOf,
                                                      BiFunction<R, MetadataImage, ApiError> brokerPart, Function<R, F> forwardOf,
                                                      BiFunction<MetadataImage, List<F>, Result<List<ApiError>>> controllerPart) {
        Set<ResourceKey> duplicates = ConfigAlterationChecks.duplicates(resources.stream().map(keyOf).toList());
        MetadataImage image = controller.image();
        ApiError[] results = new ApiError[resources.size()];
        List<F> forwarded = new ArrayList<>();
        List<Integer> forwardedIndexes = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            R resource = resources.get(i);
            if (duplicates.contains(keyOf.apply(resource))) {
                results[i] = ConfigAlterationChecks.duplicateResource();
                continue;
            }
            results[i] = brokerPart.apply(resource, image);
            if (results[i] == null) {
                forwarded.add(forwardOf.apply(resource));
                forwardedIndexes.add(i);
            }
        }
        if (forwarded.isEmpty()) {
            return CompletableFuture.completedFuture(results);
        }
        return controller.submit(current -> controllerPart.apply(current, forwarded)).thenApply(controllerResults -> {
            for (int j = 0; j < forwardedIndexes.size(); j++) {
                results[forwardedIndexes.get(j)] = controllerResults.get(j);
            }
            return results;
        });
    }
}
