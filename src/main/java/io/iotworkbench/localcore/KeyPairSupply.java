package io.iotworkbench.localcore;

import io.iotworkbench.cert.CertificateFactory;
import io.iotworkbench.concurrent.DaemonThreads;

import java.security.KeyPair;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;

/**
 * The RSA 2048 key pairs a start of the Local IoT Core is about to need (the CA's, the server's and the virtual
 * device's on a first launch), generated ahead on background threads so that they come in parallel with
 * each other and with the rest of the start (the database, the registry, class loading) instead of one after the
 * other on the starting thread (decision 0026). {@link #take} hands out a key made ahead, or runs a pending one on
 * the caller's thread rather than wait for a busy pool thread, or makes a new one when none was asked ahead. Each key
 * is handed out once; keys nobody took are dropped at {@link #close}. Keys stay in memory only.
 *
 * <p>Thread-safe.
 */
final class KeyPairSupply implements AutoCloseable {

    private final Queue<FutureTask<KeyPair>> ahead = new ConcurrentLinkedQueue<>();
    private final ExecutorService pool;

    private KeyPairSupply(ExecutorService pool) {
        this.pool = pool;
    }

    /** A supply that makes every key when it is taken (nothing ahead, no threads). */
    static KeyPairSupply onDemand() {
        return new KeyPairSupply(null);
    }

    /** Starts {@code count} key pairs on up to {@code threads} background threads. */
    static KeyPairSupply ahead(int count, int threads) {
        if (count <= 0) {
            return onDemand();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(count, threads)),
                DaemonThreads.numbered("local-core-keys-"));
        KeyPairSupply supply = new KeyPairSupply(pool);
        for (int i = 0; i < count; i++) {
            FutureTask<KeyPair> task = new FutureTask<>(KeyPairSupply::newKeyPair);
            supply.ahead.add(task);
            pool.execute(task);
        }
        pool.shutdown();
        return supply;
    }

    /** How many keys made (or being made) ahead are still to be taken. */
    int waiting() {
        return ahead.size();
    }

    /** A new RSA 2048 key pair, made ahead when one was. */
    KeyPair take() {
        FutureTask<KeyPair> task = ahead.poll();
        if (task == null) {
            return newKeyPair();
        }
        task.run(); // does nothing when a pool thread has started or finished it
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a key pair", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create a key pair: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static KeyPair newKeyPair() {
        return CertificateFactory.newKeyPair(CertificateFactory.KeyType.RSA_2048);
    }

    /** Drops the keys nobody took; those still being made are abandoned (their threads are daemons). */
    @Override
    public void close() {
        FutureTask<KeyPair> task;
        while ((task = ahead.poll()) != null) {
            task.cancel(true);
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
