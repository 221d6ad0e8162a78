package io.github.segshap.salt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --threads} pins nd4j's native threads whatever the environment says: two child JVMs whose
 * {@code OMP_NUM_THREADS} differ (1 and 3; unpinned, these train different weights from the same
 * seed) train U-Nets with bit-identical parameters and losses and record the pinned count; the one
 * whose environment asked for another count says so, the other says nothing. (One thread keeps the children fast on a busy machine;
 * that pinning works upwards too is shap-dl4j's NativeThreadsTest.)
 */
class ThreadPinningTest {
    @TempDir
    Path tmp;

    private ChildJvm.Result train(String omp, Path out) throws Exception {
        return ChildJvm.main(Map.of("OMP_NUM_THREADS", omp, "OPENBLAS_NUM_THREADS", omp, "MKL_NUM_THREADS", omp), tmp,
                "train", "--out", out.toString(), "--no-progress", "--synthetic-samples", "60", "--epochs", "1",
                "--filters", "4", "--threads", "1");
    }

    private static byte[] parameters(Path modelZip) throws Exception {
        try (FileSystem zip = FileSystems.newFileSystem(modelZip)) {
            return Files.readAllBytes(zip.getPath("coefficients.bin"));
        }
    }

    @Test
    void theSameThreadsTrainTheSameModelWhateverTheEnvironmentSays() throws Exception {
        ChildJvm.Result one = train("1", tmp.resolve("omp1"));
        ChildJvm.Result three = train("3", tmp.resolve("omp3"));
        assertEquals(0, one.exitCode(), one.toString());
        assertFalse(one.output().contains("nd4j threads"), one.output());
        assertEquals(0, three.exitCode(), three.toString());
        assertTrue(three.output().contains("nd4j threads: 1 (--threads), not OMP_NUM_THREADS=3, "
                + "OPENBLAS_NUM_THREADS=3, MKL_NUM_THREADS=3 from the environment"), three.output());
        byte[] a = parameters(tmp.resolve("omp1/model.zip"));
        assertTrue(a.length > 10_000, "the parameters: " + a.length + " bytes");
        assertArrayEquals(a, parameters(tmp.resolve("omp3/model.zip")), "bit-identical parameters");
        ObjectMapper json = new ObjectMapper();
        double loss1 = json.readTree(tmp.resolve("omp1/training.json").toFile()).path("history").path(0)
                .path("loss").asDouble(Double.NaN);
        double loss3 = json.readTree(tmp.resolve("omp3/training.json").toFile()).path("history").path(0)
                .path("loss").asDouble(Double.NaN);
        assertEquals(Double.doubleToLongBits(loss1), Double.doubleToLongBits(loss3),
                "the same training loss, to the bit: " + loss1 + " vs " + loss3);
        for (String run : new String[] {"omp1", "omp3"}) {
            assertEquals(1, json.readTree(tmp.resolve(run).resolve("model.json").toFile())
                    .path("nd4j_threads").asInt(), run + "'s model.json records the pinned count");
        }
    }
}
