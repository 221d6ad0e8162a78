package io.github.segshap.dl4j.model;

import io.github.segshap.core.image.Image;
import io.github.segshap.dl4j.TestNets;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.segshap.dl4j.model.ModelFixtures.SHAPE;
import static io.github.segshap.dl4j.model.ModelFixtures.batch;
import static io.github.segshap.dl4j.model.ModelFixtures.expected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replicas for concurrent calls: bounded, equal outputs, freed on close (never the given network). */
class ReplicaPoolTest {
    private static double[] predictOn(NeuralNetwork net, List<Image> images) {
        LayoutConverter converter = LayoutConverter.of(net, null);
        INDArray in = converter.toInput(new io.github.segshap.core.image.ImageBatch(SHAPE, images.size(),
                ModelFixtures.batchValues(images)).in(converter.layout()), 0, images.size());
        INDArray out = Networks.forward(net, in, 0);
        double[] v = new double[(int) out.length()];
        converter.copyOutput(out, images.size(), converter.outputShape(new long[] {1, 1, 6, 5}), v, 0);
        in.close();
        out.close();
        return v;
    }

    @Test
    void severalThreadsShareAtMostTheMaximumAndGetTheOneThreadOutputs() throws Exception {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 11);
        List<Image> images = TestNets.images(9, SHAPE, 11);
        double[] oneThread = predictOn(net, images);
        ReplicaPool pool = new ReplicaPool(net, 2, "pool test");
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger mostBusy = new AtomicInteger();
        Set<NeuralNetwork> seen = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                futures.add(threads.submit(() -> pool.apply(replica -> {
                    mostBusy.accumulateAndGet(busy.incrementAndGet(), Math::max);
                    seen.add(replica);
                    try {
                        return predictOn(replica, images);
                    } finally {
                        busy.decrementAndGet();
                    }
                })));
            }
            for (Future<double[]> f : futures) {
                assertArrayEquals(oneThread, f.get(), 1e-6);
            }
        } finally {
            threads.shutdownNow();
        }
        assertTrue(mostBusy.get() <= 2, "at most 2 replicas in use at once, saw " + mostBusy.get());
        assertTrue(seen.size() <= 2 && seen.contains(net), "the network and at most one copy: " + seen.size());
        assertTrue(pool.created() <= 2, "created " + pool.created());
    }

    @Test
    void closeFreesTheCopiesButNotTheGivenNetwork() throws Exception {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 12);
        ReplicaPool pool = new ReplicaPool(net, 2, "Dl4jModel(under test)");
        CountDownLatch bothBusy = new CountDownLatch(2);
        List<NeuralNetwork> replicas = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                futures.add(threads.submit(() -> pool.apply(replica -> {
                    replicas.add(replica);
                    bothBusy.countDown();
                    try {
                        assertTrue(bothBusy.await(30, TimeUnit.SECONDS), "two replicas at once");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                })));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, pool.created());
        NeuralNetwork copy = replicas.get(0) == net ? replicas.get(1) : replicas.get(0);
        assertNotSame(net, copy);
        assertFalse(copy.params().wasClosed());

        pool.close();
        pool.close(); // idempotent
        assertTrue(pool.isClosed());
        assertTrue(copy.params().wasClosed(), "the copy's parameters are freed");
        assertFalse(net.params().wasClosed(), "the given network stays usable");
        assertEquals(0, pool.created());
        List<Image> images = TestNets.images(2, SHAPE, 12);
        assertArrayEquals(expected(net, images), predictOn(net, images), 1e-6);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.apply(r -> r));
        assertTrue(e.getMessage().contains("Dl4jModel(under test) is closed"), e.getMessage());
    }

    @Test
    void aReplicaInUseWhenClosingIsFreedWhenItComesBackAndWaitersFail() throws Exception {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 13);
        ReplicaPool pool = new ReplicaPool(net, 1, "busy pool");
        CountDownLatch taken = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<NeuralNetwork> holder = threads.submit(() -> pool.apply(replica -> {
                taken.countDown();
                try {
                    assertTrue(closed.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return replica;
            }));
            assertTrue(taken.await(30, TimeUnit.SECONDS));
            Future<Object> waiter = threads.submit(() -> pool.apply(replica -> replica));
            Thread.sleep(100); // let the waiter block on the only replica
            pool.close();
            closed.countDown();
            assertSame(net, holder.get(), "the call in progress finishes on the network itself");
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    waiter::get);
            assertTrue(e.getCause() instanceof IllegalStateException
                    && e.getCause().getMessage().contains("busy pool is closed"), String.valueOf(e.getCause()));
        } finally {
            threads.shutdownNow();
        }
        assertEquals(0, pool.created());
        assertFalse(net.params().wasClosed(), "the given network is never freed");
    }

    // moved from Dl4jModelTest
    @Test
    void concurrentCallsGiveTheSameNumbers() throws Exception {
        MultiLayerNetwork net = TestNets.convNet(3, 6, 5, 6);
        Dl4jModel model = Dl4jModel.builder(net).replicas(2).build();
        List<Image> images = TestNets.images(20, SHAPE, 6);
        double[] expected = expected(net, images);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> model.predict(batch(images))));
            }
            for (Future<double[]> f : futures) {
                assertArrayEquals(expected, f.get(), 1e-6);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
