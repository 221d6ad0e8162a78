package io.github.segshap.salt.train.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.segshap.core.io.SmallDevice;
import io.github.segshap.salt.train.TrainerTest;
import io.github.segshap.salt.train.Trainer;
import io.github.segshap.salt.train.TrainLoops;
import io.github.segshap.salt.train.TrainSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowFileStoreTest {

    @Test
    void writesMlflowFileStoreLayout(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("mlruns");
        MlflowFileStore store = MlflowFileStore.open(root);
        assertTrue(Files.isDirectory(root.resolve(".trash")));
        Map<String, String> def = MetaYaml.read(root.resolve("0/meta.yaml"));
        assertEquals("Default", def.get("name"));
        assertEquals("0", def.get("experiment_id"));
        assertEquals("'0'", Files.readAllLines(root.resolve("0/meta.yaml")).stream()
                .filter(l -> l.startsWith("experiment_id:")).findFirst().orElseThrow().substring(15),
                "ids are written as quoted strings, as PyYAML does");

        String exp = store.getOrCreateExperiment("tgs-salt");
        assertEquals("1", exp);
        assertEquals(exp, store.getOrCreateExperiment("tgs-salt"));
        assertEquals("2", store.getOrCreateExperiment("other"));
        Map<String, String> em = MetaYaml.read(root.resolve("1/meta.yaml"));
        assertEquals(List.of("artifact_location", "creation_time", "experiment_id", "last_update_time",
                "lifecycle_stage", "name"), List.copyOf(em.keySet()));
        assertEquals("active", em.get("lifecycle_stage"));
        assertEquals(root.resolve("1").toUri().toString().replaceAll("/$", ""), em.get("artifact_location"));

        Path src = tmp.resolve("notes.txt");
        Files.writeString(src, "hello");
        Path runDir;
        try (MlflowRun run = store.startRun(exp, "unit test")) {
            runDir = root.resolve(exp).resolve(run.runId());
            assertTrue(run.runId().matches("[0-9a-f]{32}"));
            Map<String, String> meta = MetaYaml.read(runDir.resolve("meta.yaml"));
            assertEquals("1", meta.get("status"), "RUNNING");
            assertEquals("null", meta.get("end_time"));
            assertEquals(run.runId(), meta.get("run_uuid"));
            assertEquals(run.runId(), meta.get("run_id"));
            assertEquals("unit test", meta.get("run_name"));
            assertEquals(runDir.resolve("artifacts").toUri().toString().replaceAll("/$", ""), meta.get("artifact_uri"));
            assertEquals("[]", meta.get("tags"));

            run.logParam("epochs", 200).logParams(Map.of("seed", 42));
            run.logParam("epochs", "200"); // same value again is fine
            assertThrows(IllegalStateException.class, () -> run.logParam("epochs", 3));
            run.logMetric("val_auc", 0.5, 1).logMetric("val_auc", 0.75, 2).logMetric("val_auc", Double.NaN, 3);
            run.setTag("note", "a b");
            run.logArtifact(src, "docs");
            run.writeArtifact("history.csv", "epoch,auc\n".getBytes());
            assertThrows(IllegalArgumentException.class, () -> run.logParam("../x", 1));
            assertThrows(IllegalArgumentException.class, () -> run.writeArtifact("/abs", new byte[0]));
        }
        assertEquals("200", Files.readString(runDir.resolve("params/epochs")));
        assertEquals("42", Files.readString(runDir.resolve("params/seed")));
        List<String> lines = Files.readAllLines(runDir.resolve("metrics/val_auc"));
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).matches("\\d{13} 0\\.5 1"), lines.get(0));
        assertTrue(lines.get(1).endsWith(" 0.75 2"));
        assertTrue(lines.get(2).endsWith(" nan 3"));
        assertEquals("a b", Files.readString(runDir.resolve("tags/note")));
        assertEquals("unit test", Files.readString(runDir.resolve("tags/mlflow.runName")));
        assertEquals("hello", Files.readString(runDir.resolve("artifacts/docs/notes.txt")));
        assertTrue(Files.exists(runDir.resolve("artifacts/history.csv")));
        Map<String, String> done = MetaYaml.read(runDir.resolve("meta.yaml"));
        assertEquals("3", done.get("status"), "FINISHED");
        assertTrue(Long.parseLong(done.get("end_time")) >= Long.parseLong(done.get("start_time")));
        assertThrows(IllegalArgumentException.class, () -> store.startRun("99", "x"));
    }

    @Test
    void listenerRecordsTrainingAndModelRoundTrips(@TempDir Path tmp) throws Exception {
        MlflowFileStore store = MlflowFileStore.open(tmp.resolve("mlruns"));
        MlflowRun run = store.startRun(store.getOrCreateExperiment("salt"), "tiny");
        ComputationGraph net = TrainerTest.tinyNet();
        new Trainer(TrainLoops.options(2, TrainSettings.DEFAULT_REAL_BATCH).progress(s -> { }).build(), new MlflowEpochListener(run))
                .fit(net, TrainerTest.easyData(32, 1), TrainerTest.easyData(8, 2));
        Path model = run.logModel(net, "model/model.zip");
        run.end(RunStatus.FAILED);

        assertEquals("2", Files.readString(run.dir().resolve("params/epochs")));
        assertEquals("2x8x8", Files.readString(run.dir().resolve("params/input_shape")));
        for (String m : List.of("loss", "auc", "val_auc", "val_mean_iou", "val_tp", "binary_accuracy", "epoch_seconds")) {
            assertEquals(2, Files.readAllLines(run.dir().resolve("metrics").resolve(m)).size(), m);
        }
        assertTrue(Files.exists(run.dir().resolve("metrics/best_val_auc")));
        assertEquals("artifacts/model/model.zip", Files.readString(run.dir().resolve("tags/segshap.model")));
        assertEquals("4", MetaYaml.read(run.dir().resolve("meta.yaml")).get("status"));
        ComputationGraph back = ModelSerializer.restoreComputationGraph(model.toFile(), false);
        assertEquals(net.params(), back.params());
    }

    @Test
    void aRunLeftRunningByAKilledTrainingIsMarkedKilledOnTheNextStart(@TempDir Path tmp) throws Exception {
        MlflowFileStore store = MlflowFileStore.open(tmp.resolve("mlruns"));
        String exp = store.getOrCreateExperiment("tgs-salt");
        MlflowRun killed = store.startRun(exp, "killed"); // never ended: the process died
        MlflowRun done = store.startRun(exp, "done");
        done.end(RunStatus.FINISHED);
        assertEquals(List.of(killed.runId()), store.markAbandonedRunsKilled(exp));
        Map<String, String> meta = MetaYaml.read(killed.dir().resolve("meta.yaml"));
        assertEquals(String.valueOf(RunStatus.KILLED.code()), meta.get("status"));
        assertTrue(Long.parseLong(meta.get("end_time")) > 0, meta.toString());
        assertEquals("killed", meta.get("run_name"), "the other keys are kept");
        assertEquals(String.valueOf(RunStatus.FINISHED.code()),
                MetaYaml.read(done.dir().resolve("meta.yaml")).get("status"));
        assertEquals(List.of(), store.markAbandonedRunsKilled(exp), "marked once");
    }

    /**
     * {@code logModel} on a full device (a small tmpfs, where the test can mount one): the old model
     * stays whole, no temporary is left, the failure is one exception naming the file and the
     * reason, and nothing is printed (no stack trace before the command's one line).
     */
    @Test
    @Tag("campaign")
    void logModelOnAFullDeviceKeepsTheOldModelAndPrintsNothing(@TempDir Path tmp) throws Exception {
        Path device = SmallDevice.mount(tmp.resolve("small"), "4m", "the full-disk model save");
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            MlflowFileStore store = MlflowFileStore.open(device.resolve("mlruns"));
            MlflowRun run = store.startRun(store.getOrCreateExperiment("salt"), "full");
            ComputationGraph net = TrainerTest.tinyNet();
            Path model = run.logModel(net, "model/model.zip");
            byte[] old = Files.readAllBytes(model);
            SmallDevice.fill(device);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            TrackingException e = assertThrows(TrackingException.class, () -> run.logModel(net, "model/model.zip"));
            System.setOut(out);
            System.setErr(err);
            assertTrue(e.getMessage().contains(model.toString()), e.getMessage());
            assertTrue(String.valueOf(e.getCause()).contains("No space left on device"), String.valueOf(e.getCause()));
            assertEquals("", printed.toString(StandardCharsets.UTF_8), "nothing printed");
            assertArrayEquals(old, Files.readAllBytes(model), "the old model is whole");
            try (Stream<Path> s = Files.list(model.getParent())) {
                assertEquals(List.of(model), s.toList(), "no temporary is left");
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            SmallDevice.unmount(device);
        }
    }
}
