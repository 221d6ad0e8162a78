package io.github.segshap.dl4j.model;

import io.github.segshap.dl4j.runtime.Dl4jRuntime;
import org.deeplearning4j.nn.api.NeuralNetwork;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Function;

/**
 * Networks for concurrent inference. DL4J's {@code output} is synchronised per network, so each
 * concurrent caller takes its own replica: the network itself first (unless it must be rebuilt for
 * the oneDNN helpers, see {@link Dl4jRuntime#needsRebuild}), then {@code clone()}s made when first
 * needed, up to a maximum; further callers wait for a replica to come back. Thread-safe.
 *
 * <p>{@link #close()} frees the copies the pool made (idle ones at once, busy ones when they come
 * back), never the network it was given; afterwards {@link #apply} throws an
 * {@link IllegalStateException} naming the owner, also to callers that were waiting.
 */
final class ReplicaPool implements AutoCloseable {
    private final NeuralNetwork network;
    private final int maxReplicas;
    private final String owner;
    private final Deque<NeuralNetwork> idle = new ArrayDeque<>();
    private int created;
    /** Whether the first replica (the network itself, or its rebuilt copy) was handed out. */
    private boolean originalTaken;
    private boolean closed;

    /**
     * @param network     the network; it is the first replica and is never freed
     * @param maxReplicas most replicas in use at once, at least 1
     * @param owner       names the owner in the error after {@link #close()}
     */
    ReplicaPool(NeuralNetwork network, int maxReplicas, String owner) {
        if (maxReplicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + maxReplicas);
        }
        this.network = Objects.requireNonNull(network, "network");
        this.maxReplicas = maxReplicas;
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /**
     * Runs {@code work} on a replica no other thread uses meanwhile, then gives the replica back.
     *
     * @throws IllegalStateException when the pool is closed (or closes while waiting), or the wait
     *                               is interrupted
     */
    <T> T apply(Function<NeuralNetwork, T> work) {
        NeuralNetwork net = acquire();
        try {
            return work.apply(net);
        } finally {
            release(net);
        }
    }

    /** Replicas made so far and not freed (the network itself included once used). */
    synchronized int created() {
        return created;
    }

    /** Most replicas in use at once. */
    int maxReplicas() {
        return maxReplicas;
    }

    /** Whether {@link #close()} was called. */
    synchronized boolean isClosed() {
        return closed;
    }

    /** Throws the closed error when the pool is closed. */
    synchronized void requireOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private IllegalStateException closedError() {
        return new IllegalStateException(owner + " is closed: its network replicas were released; build a new "
                + "model to predict again");
    }

    private NeuralNetwork acquire() {
        boolean original;
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw closedError();
                }
                if (!idle.isEmpty()) {
                    return idle.pop();
                }
                if (created < maxReplicas) {
                    created++;
                    original = !originalTaken;
                    originalTaken = true;
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a replica of " + owner
                            + "'s network", e);
                }
            }
        }
        try {
            // outside the lock: cloning takes a while, and other callers may give replicas back meanwhile
            return original && !Dl4jRuntime.needsRebuild(network) ? network : Networks.copy(network);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                created--;
                originalTaken &= !original;
                notifyAll();
            }
            throw e;
        }
    }

    private void release(NeuralNetwork net) {
        boolean free;
        synchronized (this) {
            free = closed;
            if (closed) {
                created--;
            } else {
                idle.push(net);
            }
            notifyAll();
        }
        if (free && net != network) {
            Networks.free(net);
        }
    }

    /** Frees the idle copies; busy ones are freed when they come back. Idempotent. */
    @Override
    public void close() {
        Deque<NeuralNetwork> toFree;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toFree = new ArrayDeque<>(idle);
            created -= idle.size();
            idle.clear();
            notifyAll();
        }
        for (NeuralNetwork net : toFree) {
            if (net != network) {
                Networks.free(net);
            }
        }
    }
}
