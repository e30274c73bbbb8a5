package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * A job's {@code jobExecutionsRolloutConfig} (aws-iot-core.md §5, MODEL:iot JobExecutionsRolloutConfig), checked:
 * at most {@code maximumPerMinute} things are notified per minute, or, with {@code exponentialRate}, first
 * {@code baseRatePerMinute}, multiplied by {@code incrementFactor} each time {@code rateIncreaseCriteria} is met, never
 * above {@code maximumPerMinute} (1000 when not given). The rules AWS leaves open are in decision 0018. Immutable.
 *
 * @param maximumPerMinute the constant rate, or the cap of an exponential one
 * @param baseRate         the exponential rate's first rate, or null for a constant rate
 * @param factor           what the rate is multiplied by on each increase (exponential only)
 * @param notifiedThings   increase after this many more things were notified since the last increase, or null
 * @param succeededThings  increase after this many more things succeeded since the last increase, or null
 */
record JobRolloutConfig(int maximumPerMinute, Integer baseRate, Double factor, Integer notifiedThings,
                        Integer succeededThings) {

    static final int MAX_RATE = 1000;

    /** The config in {@code n}, or null when there is none (absent, null or an empty object: no limit). */
    static JobRolloutConfig parse(JsonNode n) {
        if (n == null || n.isNull() || n.isObject() && n.isEmpty()) {
            return null;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("The jobExecutionsRolloutConfig must be an object.");
        }
        int max = n.has("maximumPerMinute") ? integer(n.get("maximumPerMinute"), "maximumPerMinute", 1, MAX_RATE)
                : MAX_RATE;
        JsonNode exp = n.get("exponentialRate");
        if (exp == null || exp.isNull()) {
            if (!n.has("maximumPerMinute")) {
                throw new IllegalArgumentException("The jobExecutionsRolloutConfig needs maximumPerMinute or "
                        + "exponentialRate.");
            }
            return new JobRolloutConfig(max, null, null, null, null);
        }
        int base = integer(exp.get("baseRatePerMinute"), "exponentialRate.baseRatePerMinute", 1, MAX_RATE);
        JsonNode f = exp.get("incrementFactor");
        if (f == null || !f.isNumber() || f.asDouble() < 1.1 || f.asDouble() > 5
                || f.decimalValue().stripTrailingZeros().scale() > 1) {
            throw new IllegalArgumentException("The exponentialRate.incrementFactor must be a number from 1.1 to 5 "
                    + "with at most one digit after the decimal point.");
        }
        JsonNode criteria = exp.path("rateIncreaseCriteria");
        Integer notified = criteria.has("numberOfNotifiedThings") ? integer(criteria.get("numberOfNotifiedThings"),
                "rateIncreaseCriteria.numberOfNotifiedThings", 1, Integer.MAX_VALUE) : null;
        Integer succeeded = criteria.has("numberOfSucceededThings") ? integer(criteria.get(
                "numberOfSucceededThings"), "rateIncreaseCriteria.numberOfSucceededThings", 1, Integer.MAX_VALUE)
                : null;
        if (notified == null && succeeded == null) {
            throw new IllegalArgumentException("The exponentialRate.rateIncreaseCriteria needs "
                    + "numberOfNotifiedThings or numberOfSucceededThings.");
        }
        return new JobRolloutConfig(max, base, f.asDouble(), notified, succeeded);
    }

    /** The rate of the first minute. */
    int initialRate() {
        return baseRate == null ? maximumPerMinute : Math.min(baseRate, maximumPerMinute);
    }

    /** Whether the rate is due to increase, given how many things were notified and succeeded since the last one. */
    boolean increaseDue(int notifiedSince, int succeededSince) {
        return baseRate != null && (notifiedThings != null && notifiedSince >= notifiedThings
                || succeededThings != null && succeededSince >= succeededThings);
    }

    /** {@code rate} times the factor, rounded up, at most {@link #maximumPerMinute}. */
    int increased(int rate) {
        double next = BigDecimal.valueOf(rate).multiply(BigDecimal.valueOf(factor)).doubleValue();
        return (int) Math.min(maximumPerMinute, Math.ceil(next));
    }

    /** The config in AWS's shape, as DescribeJob returns it. */
    ObjectNode toJson() {
        ObjectNode n = JobsJson.MAPPER.createObjectNode().put("maximumPerMinute", maximumPerMinute);
        if (baseRate != null) {
            ObjectNode e = n.putObject("exponentialRate").put("baseRatePerMinute", baseRate)
                    .put("incrementFactor", factor);
            ObjectNode c = e.putObject("rateIncreaseCriteria");
            if (notifiedThings != null) {
                c.put("numberOfNotifiedThings", notifiedThings);
            }
            if (succeededThings != null) {
                c.put("numberOfSucceededThings", succeededThings);
            }
        }
        return n;
    }

    private static int integer(JsonNode n, String name, int min, int max) {
        if (n == null || !n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
            throw new IllegalArgumentException("The " + name + " must be a whole number from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ".");
        }
        return n.asInt();
    }
}
