package io.github.segshap.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.segshap.onnx.model.SessionSettings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Images per second of plain ONNX Runtime runs of one model on prepared float32 inputs: {@code streams}
 * Java threads run the model over and over, on one shared session or one session each, with the
 * given {@link SessionSettings}. Kept open between measurements so that rounds can be interleaved
 * with other work. Used by {@link CeilingBenchmark} and {@link SessionSweep}.
 */
final class OrtThroughput implements AutoCloseable {
    private final List<OrtSession> sessions = new ArrayList<>();
    private final List<OrtSession.SessionOptions> options = new ArrayList<>();
    private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
    private final int streams;
    private final int batch;
    private final ExecutorService pool;

    /**
     * @param model            the serialised model
     * @param settings         the session options
     * @param streams          Java threads running the model at the same time
     * @param sessionPerStream one session per stream (else one shared session)
     * @param inputDims        every input of the model and its shape; the first dimension is the batch
     */
    OrtThroughput(byte[] model, SessionSettings settings, int streams, boolean sessionPerStream,
                  Map<String, long[]> inputDims) throws OrtException {
        this.streams = streams;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int count = sessionPerStream ? streams : 1;
        try {
            for (int i = 0; i < count; i++) {
                OrtSession.SessionOptions o = settings.toOptions();
                options.add(o);
                sessions.add(env.createSession(model, o));
            }
            SplittableRandom r = new SplittableRandom(5);
            int b = -1;
            for (Map.Entry<String, long[]> e : inputDims.entrySet()) {
                long n = 1;
                for (long d : e.getValue()) {
                    n *= d;
                }
                FloatBuffer v = ByteBuffer.allocateDirect(Math.toIntExact(4 * n)).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    v.put(i, (float) r.nextDouble());
                }
                inputs.put(e.getKey(), OnnxTensor.createTensor(env, v, e.getValue()));
                b = b < 0 ? Math.toIntExact(e.getValue()[0]) : b;
            }
            this.batch = b;
        } catch (OrtException | RuntimeException e) {
            close();
            throw e;
        }
        pool = Executors.newFixedThreadPool(streams, r -> {
            Thread t = new Thread(r, "ort-stream");
            t.setDaemon(true);
            return t;
        });
        imagesPerSecond(0); // first runs: allocations, memory patterns
    }

    /**
     * Runs for at least {@code seconds} (at least one run per stream) and returns images per second
     * over all streams.
     */
    double imagesPerSecond(double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long t0 = System.nanoTime();
        List<Future<Integer>> runs = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            OrtSession session = sessions.get(s % sessions.size());
            runs.add(pool.submit(() -> {
                int n = 0;
                do {
                    try (OrtSession.Result out = session.run(inputs)) {
                        n++;
                    }
                } while (System.nanoTime() < deadline);
                return n;
            }));
        }
        long total = 0;
        for (Future<Integer> f : runs) {
            try {
                total += f.get();
            } catch (Exception e) {
                throw new IllegalStateException("an ONNX Runtime run failed: " + e.getMessage(), e);
            }
        }
        return total * batch / ((System.nanoTime() - t0) / 1e9);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        inputs.values().forEach(OnnxTensor::close);
        for (OrtSession s : sessions) {
            try {
                s.close();
            } catch (OrtException e) {
                throw new IllegalStateException("cannot close an ONNX Runtime session: " + e.getMessage(), e);
            }
        }
        options.forEach(OrtSession.SessionOptions::close);
    }
}
