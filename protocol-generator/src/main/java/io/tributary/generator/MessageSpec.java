package io.tributary.generator;

import java.util.List;

/**
 * One schema file: a request, response, header or data message.
 *
 * @param name                  the schema name, e.g. {@code ProduceRequest}
 * @param type                  {@code request}, {@code response}, {@code header}, {@code data} or {@code metadata}
 * @param apiKey                the API key of a request or response, otherwise null
 * @param validVersions         the versions this schema defines
 * @param flexibleVersions      the versions that use compact encodings and tagged fields
 * @param latestVersionUnstable whether the highest version is still under development in Kafka
 * @param listeners             the listeners a request is served on ({@code broker}, {@code controller})
 * @param fields                the top-level fields
 * @param commonStructs         structs shared by several fields
 */
public record MessageSpec(
        String name,
        String type,
        Short apiKey,
        Versions validVersions,
        Versions flexibleVersions,
        boolean latestVersionUnstable,
        List<String> listeners,
        List<FieldSpec> fields,
        List<StructSpec> commonStructs) {

    /**
     * The generated class name, as Kafka names its own: requests, responses and headers get the
     * {@code Data} suffix ({@code ProduceRequestData}); data messages keep their name.
     */
    public String className() {
        return switch (type) {
            case "request", "response", "header" -> name + "Data";
            default -> name;
        };
    }

    public boolean isApiMessage() {
        return apiKey != null;
    }

    /** The name of the API a request or response belongs to: {@code ProduceRequest} gives {@code Produce}. */
    String apiName() {
        return name.replaceFirst("(Request|Response)$", "");
    }
}
