package io.tributary.coordinator.group.classic;

import io.tributary.protocol.Errors;
import io.tributary.protocol.message.JoinGroupResponseData;

/** JoinGroup responses of the classic protocol, and their per-version shape. */
final class JoinGroupResponses {

    private JoinGroupResponses() {
    }

    static JoinGroupResponseData error(String memberId, Errors error) {
        return new JoinGroupResponseData().setErrorCode(error.code()).setMemberId(memberId).setGenerationId(-1)
                .setProtocolName(null).setLeader("");
    }

    /**
     * Adapts a response to the version it answers: ProtocolName is nullable only from v7 and
     * SkipAssignment exists only from v9 (Kafka's JoinGroupResponse does the same).
     */
    static JoinGroupResponseData forVersion(JoinGroupResponseData response, short apiVersion) {
        if (apiVersion < 7 && response.protocolName() == null) {
            response.setProtocolName("");
        }
        if (apiVersion < 9) {
            response.setSkipAssignment(false);
        }
        if (response.leader() == null) {
            response.setLeader("");
        }
        return response;
    }
}
