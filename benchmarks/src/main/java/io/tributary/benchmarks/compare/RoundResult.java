package io.tributary.benchmarks.compare;

import java.util.List;
import java.util.Map;

/**
 * What one contestant produced in one round.
 *
 * @param round    1-based round number
 * @param position 1-based place of this contestant in the round's order
 */
public record RoundResult(int round, int position, Contestant contestant, Map<Figure, Double> figures,
                          List<String> problems) {
}
