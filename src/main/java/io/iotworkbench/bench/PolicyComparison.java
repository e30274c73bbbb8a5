package io.iotworkbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.localcore.policy.PolicyMode;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What IoT policy evaluation costs a benchmark: runs it with {@code --policies off} and {@code enforce} in the same
 * process, interleaved (off, enforce, then enforce, off, … so that a machine getting busier or a JIT warming up does
 * not favour one mode), and compares the median of each figure: {@code enforceVsOff} is enforce / off (1.00 means no
 * cost) and {@code enforceLossPercent} what enforce loses. With one mode it just runs the benchmark. Runs on the
 * calling thread.
 */
public final class PolicyComparison {

    /** One run of a benchmark in one mode, giving its RESULT json. */
    @FunctionalInterface
    public interface Run {
        ObjectNode run(PolicyMode mode) throws Exception;
    }

    /** The word of {@code --policies} that runs both modes. */
    public static final String BOTH = "both";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyComparison() {
    }

    /** The modes {@code --policies} names: {@code both} (off and enforce), or one of enforce, log, off. */
    public static Optional<List<PolicyMode>> modes(String text) {
        if (text != null && BOTH.equalsIgnoreCase(text.trim())) {
            return Optional.of(List.of(PolicyMode.OFF, PolicyMode.ENFORCE));
        }
        return PolicyMode.parse(text).map(List::of);
    }

    /**
     * Runs {@code bench} {@code rounds} times per mode, interleaved, and returns the RESULT: for one mode, its last
     * run; for two, {@code {"policies":"both","rounds":n,"off":{…},"enforce":{…},"runs":{metric:{"off":[…],
     * "enforce":[…]}},"enforceVsOff":{metric:ratio},"enforceLossPercent":{metric:percent}}} where off and enforce are
     * each mode's last run with the compared {@code metrics} (higher is better) replaced by their medians.
     */
    public static ObjectNode run(PrintStream out, List<PolicyMode> modes, int rounds, List<String> metrics, Run bench)
            throws Exception {
        return run(out, modes, rounds, metrics, List.of(), bench);
    }

    /**
     * As {@link #run(PrintStream, List, int, List, Run)}, also comparing {@code costs}, figures where lower is better
     * (CPU seconds for the same work): their loss is how much more enforce needs.
     */
    public static ObjectNode run(PrintStream out, List<PolicyMode> modes, int rounds, List<String> metrics,
                                 List<String> costs, Run bench) throws Exception {
        Map<PolicyMode, List<ObjectNode>> results = new EnumMap<>(PolicyMode.class);
        for (int round = 0; round < Math.max(1, rounds); round++) {
            List<PolicyMode> order = new ArrayList<>(modes);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (PolicyMode m : order) {
                if (modes.size() > 1) {
                    out.printf(Locale.ROOT, "--- round %d of %d, policies %s%n", round + 1, Math.max(1, rounds),
                            m.word());
                }
                results.computeIfAbsent(m, k -> new ArrayList<>()).add(bench.run(m));
            }
        }
        if (modes.size() == 1) {
            List<ObjectNode> only = results.get(modes.get(0));
            return only.get(only.size() - 1);
        }
        ObjectNode result = JSON.createObjectNode();
        result.put("policies", BOTH);
        result.put("rounds", Math.max(1, rounds));
        ObjectNode runs = JSON.createObjectNode();
        ObjectNode ratios = JSON.createObjectNode();
        ObjectNode losses = JSON.createObjectNode();
        Map<PolicyMode, ObjectNode> summaries = new EnumMap<>(PolicyMode.class);
        for (PolicyMode m : modes) {
            List<ObjectNode> list = results.get(m);
            summaries.put(m, list.get(list.size() - 1).deepCopy());
        }
        out.printf(Locale.ROOT, "Policies off against enforce (%d round(s), interleaved; medians):%n",
                Math.max(1, rounds));
        List<String> all = new ArrayList<>(metrics);
        all.addAll(costs);
        for (String metric : all) {
            boolean cost = costs.contains(metric);
            ObjectNode perMode = runs.putObject(metric);
            double off = Double.NaN;
            double enforce = Double.NaN;
            for (PolicyMode m : modes) {
                ArrayNode values = perMode.putArray(m.word());
                List<Double> xs = new ArrayList<>();
                for (ObjectNode r : results.get(m)) {
                    if (r.hasNonNull(metric)) {
                        xs.add(r.get(metric).asDouble());
                        values.add(r.get(metric));
                    }
                }
                double median = median(xs);
                if (!Double.isNaN(median)) {
                    summaries.get(m).put(metric, Math.round(median * 100) / 100.0);
                }
                if (m == PolicyMode.OFF) {
                    off = median;
                } else if (m == PolicyMode.ENFORCE) {
                    enforce = median;
                }
            }
            if (off > 0 && !Double.isNaN(enforce)) {
                double ratio = enforce / off;
                double loss = cost ? ratio - 1 : 1 - ratio;
                ratios.put(metric, Math.round(ratio * 1000) / 1000.0);
                losses.put(metric, Math.round(loss * 1000) / 10.0);
                out.printf(Locale.ROOT, "  %s: off %s, enforce %s: enforce/off %.3f (%s %.1f %%)%n", metric,
                        figure(off), figure(enforce), ratio, loss >= 0 ? "loss" : "gain", Math.abs(loss) * 100);
            }
        }
        for (PolicyMode m : modes) {
            result.set(m.word(), summaries.get(m));
        }
        result.set("runs", runs);
        result.set("enforceVsOff", ratios);
        result.set("enforceLossPercent", losses);
        return result;
    }

    private static String figure(double x) {
        return x >= 100 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.2f", x);
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
