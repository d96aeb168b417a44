package io.peerscope.agent.track;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Periodicity of one client's lookups of one name, after RITA's beacon analysis: four sub-scores
 * in 0..1 averaged into one.
 *
 * @param periodMillis median gap
 * @param jitterMillis median absolute deviation of the gaps from the median
 * @param skewScore 1 - |Bowley skewness| of the gaps (symmetric gaps score 1)
 * @param spreadScore 1 when the jitter is small against the period, 0 at a quarter of it
 * @param countScore lookups seen against lookups the period predicts over the span
 * @param durationScore the span against one day
 */
public record BeaconScore(
    long periodMillis,
    long jitterMillis,
    double skewScore,
    double spreadScore,
    double countScore,
    double durationScore,
    int gaps) {

  public double score() {
    return (skewScore + spreadScore + countScore + durationScore) / 4;
  }

  public double relativeJitter() {
    return periodMillis == 0 ? 1.0 : (double) jitterMillis / periodMillis;
  }

  public Map<String, Object> evidence() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("score", Evidence.round(score()));
    m.put("skew_score", Evidence.round(skewScore));
    m.put("spread_score", Evidence.round(spreadScore));
    m.put("count_score", Evidence.round(countScore));
    m.put("duration_score", Evidence.round(durationScore));
    m.put("gaps_examined", gaps);
    return m;
  }
}
