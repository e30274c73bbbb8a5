package io.iotworkbench.localcore.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.iotworkbench.concurrent.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the denials of a {@link DecisionLog} (allowed decisions are skipped) as one JSON line each to a file, for
 * the headless core's {@code DIR/decisions.ndjson}. When the file passes {@link #DEFAULT_MAX_BYTES} it is renamed to
 * {@code decisions.ndjson.1} (replacing the older one) and a new file is started.
 *
 * <p>Threading: the log's listener only offers to a bounded queue ({@value #QUEUE} lines; when it is full the denial is
 * counted in {@link #dropped} and not written); one daemon thread writes. {@link #close} writes what is queued.
 */
public final class DecisionFile implements AutoCloseable {

    /** The size at which the file is rotated: 10 MiB. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    static final int QUEUE = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(DecisionFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final long maxBytes;
    private final BlockingQueue<AccessDecision> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Runnable unlisten;
    private final Thread writer;
    private volatile boolean closed;

    private DecisionFile(DecisionLog log, Path file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.unlisten = log.listen(d -> {
            if (!d.allowed() && !closed && !queue.offer(d)) {
                dropped.incrementAndGet();
            }
        });
        this.writer = DaemonThreads.start("decision-file", this::run);
    }

    /** Starts writing the denials recorded from now on to {@code file}. */
    public static DecisionFile follow(DecisionLog log, Path file) {
        return new DecisionFile(log, file, DEFAULT_MAX_BYTES);
    }

    static DecisionFile follow(DecisionLog log, Path file, long maxBytes) {
        return new DecisionFile(log, file, maxBytes);
    }

    /** Denials not written because the writer could not keep up. */
    public long dropped() {
        return dropped.get();
    }

    public Path file() {
        return file;
    }

    private void run() {
        try {
            while (!closed || !queue.isEmpty()) {
                AccessDecision d = queue.poll(200, TimeUnit.MILLISECONDS);
                if (d != null) {
                    write(d);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(AccessDecision first) {
        try {
            if (Files.exists(file) && Files.size(file) >= maxBytes) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                AccessDecision d = first;
                int n = 0;
                while (d != null && n++ < 1_000) {
                    out.write(line(d));
                    d = queue.poll();
                }
                if (d != null) {
                    out.write(line(d));
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not write the access decision to {}: {}", file, e.getMessage());
        }
    }

    /** One decision as a JSON line (no key material: the certificate id and the policy document only). */
    static byte[] line(AccessDecision d) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("time", d.time().toString()).put("decision", d.verdict().name()).put("action", d.action())
                .put("resource", d.resource()).put("clientId", d.clientId()).put("thingName", d.thingName())
                .put("certificateId", d.certificateId()).put("policyName", d.policyName())
                .put("policyVersionId", d.policyVersionId());
        if (d.statementIndex() >= 0) {
            n.put("statement", d.statementIndex() + 1);
        }
        n.put("reason", d.reason());
        ObjectNode vars = n.putObject("variables");
        new java.util.TreeMap<>(d.variables()).forEach(vars::put);
        if (d.policyDocument() != null) {
            n.put("policyDocument", d.policyDocument());
        }
        return (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        unlisten.run();
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
