package io.tributary.benchmarks.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static RoundResult result(int round, Contestant contestant, double startupMs) {
        return new RoundResult(round, 1, contestant, Map.of(Figure.START_TO_FIRST_PRODUCE, startupMs), List.of());
    }

    @Test
    void ratioIsTheMedianOfPerRoundRatiosNotTheRatioOfMedians() {
        Report report = new Report(List.of(
                result(1, Contestant.KAFKA, 100), result(1, Contestant.TRIBUTARY, 50),
                result(2, Contestant.KAFKA, 1000), result(2, Contestant.TRIBUTARY, 900),
                result(3, Contestant.KAFKA, 200), result(3, Contestant.TRIBUTARY, 40)), List.of());

        assertEquals(0.5, report.pairedRatio(Contestant.TRIBUTARY, Figure.START_TO_FIRST_PRODUCE).getAsDouble());
        assertEquals(200, report.median(Contestant.KAFKA, Figure.START_TO_FIRST_PRODUCE).getAsDouble());
        assertEquals(50, report.median(Contestant.TRIBUTARY, Figure.START_TO_FIRST_PRODUCE).getAsDouble());
    }

    @Test
    void aMissingFigureIsLeftOutOfMedianAndRatio() {
        Report report = new Report(List.of(
                result(1, Contestant.KAFKA, 100), result(1, Contestant.TRIBUTARY, 50),
                new RoundResult(2, 1, Contestant.KAFKA, Map.of(), List.of("startup failed")),
                result(2, Contestant.TRIBUTARY, 70)), List.of());

        assertEquals(0.5, report.pairedRatio(Contestant.TRIBUTARY, Figure.START_TO_FIRST_PRODUCE).getAsDouble());
        assertEquals(60, report.median(Contestant.TRIBUTARY, Figure.START_TO_FIRST_PRODUCE).getAsDouble());
        assertTrue(report.pairedRatio(Contestant.TRIBUTARY_PAGECACHE, Figure.START_TO_FIRST_PRODUCE).isEmpty());
        assertTrue(report.markdown().contains("round 2, kafka: startup failed"));
    }
}
