package io.tributary.broker.config;

/** What a node does ({@code process.roles}): serve clients and host partitions, run the metadata quorum, or both. */
public enum ProcessRole {
    BROKER("broker"),
    CONTROLLER("controller");

    private final String configName;

    ProcessRole(String configName) {
        this.configName = configName;
    }

    /** The word {@code process.roles} uses. */
    public String configName() {
        return configName;
    }

    static ProcessRole forConfigName(String name) {
        for (ProcessRole role : values()) {
            if (role.configName.equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown process role " + name);
    }
}
