package io.tributary.coordinator.group.consumer;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.protocol.Uuid;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Resolves subscriptions (topic names and a regular expression) against the metadata image.
 * Topics that do not exist are ignored until they appear; a regular expression must match a whole
 * topic name and never matches Kafka's internal topics. Java's {@link Pattern} stands in for
 * Kafka's RE2J.
 *
 * <p>The group's metadata hash covers the name, id and partition count of every subscribed topic
 * that exists, so a created, deleted or grown topic changes it and triggers a new assignment.
 */
final class SubscriptionResolver {

    private static final Set<String> INTERNAL_TOPICS = Set.of("__consumer_offsets", "__transaction_state");
    private static final int PATTERN_CACHE_SIZE = 256;

    /** Compiled patterns by source: heartbeats resolve the same few expressions over and over. */
    private static final Map<String, Pattern> PATTERNS = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
                    return size() > PATTERN_CACHE_SIZE;
                }
            });

    private SubscriptionResolver() {
    }

    /** @throws PatternSyntaxException if {@code regex} is not a valid expression */
    static Pattern compile(String regex) {
        Pattern pattern = PATTERNS.get(regex);
        if (pattern == null) {
            pattern = Pattern.compile(regex);
            PATTERNS.put(regex, pattern);
        }
        return pattern;
    }

    static boolean matches(String regex, String topic) {
        try {
            return !INTERNAL_TOPICS.contains(topic) && compile(regex).matcher(topic).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** The existing topics a member subscribes to, by name. */
    static Set<String> topicNames(ConsumerGroupMember member, MetadataImage image) {
        Set<String> names = new TreeSet<>();
        for (String name : member.subscribedTopicNames()) {
            if (image.topics().topic(name).isPresent()) {
                names.add(name);
            }
        }
        if (member.hasRegex()) {
            for (String name : image.topics().topicsByName().keySet()) {
                if (matches(member.subscribedTopicRegex(), name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    static Set<Uuid> topicIds(ConsumerGroupMember member, MetadataImage image) {
        Set<Uuid> ids = new TreeSet<>();
        topicNames(member, image).forEach(name -> image.topics().topic(name).ifPresent(topic -> ids.add(topic.id())));
        return ids;
    }

    /** The partition counts of the existing topics any of {@code members} subscribes to. */
    static SortedMap<Uuid, Integer> partitionCounts(Collection<ConsumerGroupMember> members, MetadataImage image) {
        SortedMap<Uuid, Integer> counts = new TreeMap<>();
        for (ConsumerGroupMember member : members) {
            for (String name : topicNames(member, image)) {
                TopicImage topic = image.topics().topic(name).orElseThrow();
                counts.put(topic.id(), topic.partitions().size());
            }
        }
        return counts;
    }

    /** A hash (FNV-1a, 64 bits) of the name, id and partition count of every subscribed topic; 0 when none. */
    static long metadataHash(Collection<ConsumerGroupMember> members, MetadataImage image) {
        Set<String> names = new TreeSet<>();
        members.forEach(member -> names.addAll(topicNames(member, image)));
        if (names.isEmpty()) {
            return 0L;
        }
        long hash = 0xcbf29ce484222325L;
        for (String name : names) {
            TopicImage topic = image.topics().topic(name).orElseThrow();
            hash = mix(hash, name.getBytes(StandardCharsets.UTF_8));
            hash = mix(hash, topic.id().getMostSignificantBits());
            hash = mix(hash, topic.id().getLeastSignificantBits());
            hash = mix(hash, topic.partitions().size());
        }
        return hash;
    }

    private static long mix(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return mix(hash, (long) bytes.length);
    }

    private static long mix(long hash, long value) {
        for (int i = 0; i < 8; i++) {
            hash ^= (value >>> (8 * i)) & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
