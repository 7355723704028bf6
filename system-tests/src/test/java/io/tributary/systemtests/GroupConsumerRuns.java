package io.tributary.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Checks two runs of a group consumer program that prints {@code PARTITION OFFSET KEY VALUE} per
 * message and commits each: the second run resumes at the group's committed offsets, so together
 * the runs read every message exactly once.
 */
final class GroupConsumerRuns {

    private GroupConsumerRuns() {
    }

    /** {@code count} keyed lines {@code prefix-key-i:prefix-value-i}, for kcat's producer. */
    static List<String> keyedLines(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-key-" + i + ":" + prefix + "-value-" + i).toList();
    }

    static void assertEveryMessageReadOnce(List<String> sent, List<String> firstRun, List<String> secondRun) {
        Set<String> expectedKeys = new HashSet<>();
        sent.forEach(line -> expectedKeys.add(line.substring(0, line.indexOf(':'))));
        Set<String> read = new HashSet<>();
        int lines = 0;
        for (List<String> run : List.of(firstRun, secondRun)) {
            for (String line : run) {
                String[] fields = line.split(" ");
                read.add(fields[2]);
                lines++;
            }
        }
        assertEquals(expectedKeys, read, "first run " + firstRun + "\nsecond run " + secondRun);
        assertEquals(sent.size(), lines, "a message was read twice: first run " + firstRun + "\nsecond run " + secondRun);
    }
}
