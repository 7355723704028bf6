package io.tributary.coordinator.group;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The groups of one shard, by id, of both protocols. Owned by the shard's thread.
 */
public final class GroupStore {

    private final Map<String, Group> groups = new HashMap<>();

    public Optional<Group> get(String groupId) {
        return Optional.ofNullable(groups.get(groupId));
    }

    /** The group if it exists and is of {@code type}. */
    public <G extends Group> Optional<G> get(String groupId, Class<G> type) {
        Group group = groups.get(groupId);
        return type.isInstance(group) ? Optional.of(type.cast(group)) : Optional.empty();
    }

    public void put(Group group) {
        groups.put(group.groupId(), group);
    }

    public void remove(String groupId) {
        groups.remove(groupId);
    }

    public Collection<Group> all() {
        return groups.values();
    }
}
