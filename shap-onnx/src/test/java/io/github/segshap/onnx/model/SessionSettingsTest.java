package io.github.segshap.onnx.model;

import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session options in one place: defaults, copies with one change, what ONNX Runtime is given. */
class SessionSettingsTest {

    @Test
    void theDefaultsAreOneThreadPerRunAllOptimisationsSequential() {
        SessionSettings d = SessionSettings.DEFAULTS;
        assertEquals(1, d.intraOpThreads());
        assertEquals(OrtSession.SessionOptions.OptLevel.ALL_OPT, d.optimization());
        assertTrue(!d.parallel() && d.spinning() && d.cpuArena() && d.memoryPattern(), d.describe());
    }

    @Test
    void eachCopyChangesOneThing() {
        SessionSettings d = SessionSettings.DEFAULTS;
        assertEquals(new SessionSettings(3, d.optimization(), false, 0, true, true, true), d.withIntraOpThreads(3));
        assertEquals(new SessionSettings(1, d.optimization(), true, 2, true, true, true), d.withParallel(true, 2));
        assertEquals(new SessionSettings(1, d.optimization(), false, 0, false, true, true), d.withSpinning(false));
        assertEquals(new SessionSettings(1, d.optimization(), false, 0, true, false, false), d.withMemory(false, false));
        assertEquals(OrtSession.SessionOptions.OptLevel.BASIC_OPT,
                d.withOptimization(OrtSession.SessionOptions.OptLevel.BASIC_OPT).optimization());
    }

    @Test
    void theOptionsCarrySpinning() {
        try (OrtSession.SessionOptions o = SessionSettings.DEFAULTS.withSpinning(false).toOptions()) {
            assertEquals("0", o.getConfigEntries().get(SessionSettings.SPINNING_KEY));
        }
        try (OrtSession.SessionOptions o = SessionSettings.DEFAULTS.toOptions()) {
            assertEquals("1", o.getConfigEntries().get(SessionSettings.SPINNING_KEY));
        }
    }

    @Test
    void negativeThreadCountsAreRefusedByName() {
        IllegalArgumentException intra = assertThrows(IllegalArgumentException.class,
                () -> SessionSettings.DEFAULTS.withIntraOpThreads(-1));
        assertTrue(intra.getMessage().contains("intra-op threads"), intra.getMessage());
        IllegalArgumentException inter = assertThrows(IllegalArgumentException.class,
                () -> SessionSettings.DEFAULTS.withParallel(true, -2));
        assertTrue(inter.getMessage().contains("inter-op threads"), inter.getMessage());
    }

    @Test
    void aModelRunsWithTheSettingsItWasBuiltWith() {
        TinyConvNet net = new TinyConvNet(3, 4, 1, 7);
        SessionSettings s = SessionSettings.DEFAULTS.withSpinning(false).withIntraOpThreads(2);
        try (OnnxModel m = OnnxModel.builder(net.onnx(TinyConvNet.Variant.NCHW)).sessionSettings(s)
                .optimization(OrtSession.SessionOptions.OptLevel.BASIC_OPT).build()) {
            assertEquals(s.withOptimization(OrtSession.SessionOptions.OptLevel.BASIC_OPT), m.sessionSettings());
        }
        try (OnnxModel m = OnnxModel.builder(net.onnx(TinyConvNet.Variant.NCHW)).build()) {
            assertEquals(SessionSettings.DEFAULTS, m.sessionSettings());
        }
    }
}
