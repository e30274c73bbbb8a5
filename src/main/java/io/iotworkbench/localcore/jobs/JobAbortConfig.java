package io.iotworkbench.localcore.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A job's {@code abortConfig} (MODEL:iot AbortConfig / AbortCriteria), checked, and the rule that fires it: a criterion
 * fires once at least {@code minNumberOfExecutedThings} of the job's executions have finished (SUCCEEDED, FAILED,
 * REJECTED or TIMED_OUT) and the share of them that ended as {@code failureType} (ALL: any of the three failures) is
 * at least {@code thresholdPercentage}. The action is CANCEL (the only one AWS has). The rules AWS leaves open are in
 * decision 0018. Immutable.
 */
record JobAbortConfig(List<Criterion> criteria) {

    /** One entry of {@code criteriaList}. */
    record Criterion(String failureType, double thresholdPercentage, int minNumberOfExecutedThings) {

        Set<ExecutionStatus> failures() {
            return failureType.equals("ALL") ? EnumSet.of(ExecutionStatus.FAILED, ExecutionStatus.REJECTED,
                    ExecutionStatus.TIMED_OUT) : EnumSet.of(ExecutionStatus.valueOf(failureType));
        }
    }

    /** What counts as an executed thing: its execution finished through the device or a timer. */
    static final Set<ExecutionStatus> EXECUTED = EnumSet.of(ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED,
            ExecutionStatus.REJECTED, ExecutionStatus.TIMED_OUT);
    private static final Set<String> TYPES = Set.of("FAILED", "REJECTED", "TIMED_OUT", "ALL");

    /** The config in {@code n}, or null when there is none. */
    static JobAbortConfig parse(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        JsonNode list = n.get("criteriaList");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("The abortConfig.criteriaList must list at least one criterion.");
        }
        List<Criterion> out = new ArrayList<>();
        for (JsonNode c : list) {
            String type = c.path("failureType").asText("");
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("The abortConfig failureType must be FAILED, REJECTED, TIMED_OUT "
                        + "or ALL.");
            }
            if (!"CANCEL".equals(c.path("action").asText(""))) {
                throw new IllegalArgumentException("The abortConfig action must be CANCEL.");
            }
            JsonNode t = c.get("thresholdPercentage");
            if (t == null || !t.isNumber() || t.asDouble() < 0 || t.asDouble() > 100
                    || t.decimalValue().stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException("The abortConfig thresholdPercentage must be a number from 0 to "
                        + "100 with at most two digits after the decimal point.");
            }
            JsonNode m = c.get("minNumberOfExecutedThings");
            if (m == null || !m.isIntegralNumber() || m.asLong() < 1 || m.asLong() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("The abortConfig minNumberOfExecutedThings must be a whole number "
                        + "from 1 up.");
            }
            out.add(new Criterion(type, t.asDouble(), m.asInt()));
        }
        return new JobAbortConfig(List.copyOf(out));
    }

    /**
     * The comment saying why the job aborts, when a criterion fires for these executions; null when none does.
     */
    String firing(List<JobExecution> executions) {
        List<JobExecution> executed = executions.stream().filter(e -> EXECUTED.contains(e.status)).toList();
        for (Criterion c : criteria) {
            if (executed.size() < c.minNumberOfExecutedThings()) {
                continue;
            }
            Set<ExecutionStatus> failures = c.failures();
            long failed = executed.stream().filter(e -> failures.contains(e.status)).count();
            double percent = 100.0 * failed / executed.size();
            if (percent >= c.thresholdPercentage()) {
                return String.format(Locale.ROOT, "Aborted by the abort config: %d of %d executed things %s "
                        + "(%.2f%%), at or above the %s%% threshold.", failed, executed.size(),
                        c.failureType().equals("ALL") ? "failed, were rejected or timed out"
                                : c.failureType().equals("TIMED_OUT") ? "timed out"
                                : c.failureType().toLowerCase(Locale.ROOT), percent,
                        java.math.BigDecimal.valueOf(c.thresholdPercentage()).stripTrailingZeros().toPlainString());
            }
        }
        return null;
    }

    /** The config in AWS's shape, as DescribeJob returns it. */
    ObjectNode toJson() {
        ObjectNode n = JobsJson.MAPPER.createObjectNode();
        ArrayNode list = n.putArray("criteriaList");
        for (Criterion c : criteria) {
            list.addObject().put("failureType", c.failureType()).put("action", "CANCEL")
                    .put("thresholdPercentage", c.thresholdPercentage())
                    .put("minNumberOfExecutedThings", c.minNumberOfExecutedThings());
        }
        return n;
    }
}
