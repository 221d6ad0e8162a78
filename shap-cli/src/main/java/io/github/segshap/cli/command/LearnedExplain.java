package io.github.segshap.cli.command;

import io.github.segshap.cli.input.ImageFiles;
import io.github.segshap.cli.input.ImageStack;
import io.github.segshap.cli.model.LoadedModel;
import io.github.segshap.cli.model.ModelFiles;
import io.github.segshap.command.CommandException;
import io.github.segshap.command.ExitCode;
import io.github.segshap.command.Faults;
import io.github.segshap.core.explanation.Explanations;
import io.github.segshap.core.image.Layout;
import io.github.segshap.core.io.ExplanationFolder;
import io.github.segshap.core.learned.LearnedExplainer;
import io.github.segshap.core.learned.LearnedFolder;
import io.github.segshap.core.learned.LearnedMismatchException;
import io.github.segshap.core.learned.LearnedRecord;
import io.github.segshap.core.model.Model;
import io.github.segshap.core.provenance.Fingerprint;
import io.github.segshap.report.DrawnReport;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code segshap explain --explainer learned --learned DIR}: every image explained by a learned
 * explainer's network ({@code explainer.onnx} through ONNX Runtime) in one model pass and one network
 * pass, written as one explanation folder with its report; the held-out error is printed. The
 * background is the learned explainer's own; a {@code --background FILE} given is checked against it.
 */
final class LearnedExplain {
    private LearnedExplain() {
    }

    static int run(ExplainRequest r, Path learnedDir) {
        long t0 = System.nanoTime();
        PrintStream console = r.context().console();
        LearnedExplainer learned;
        try {
            learned = LearnedFolder.read(learnedDir);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CommandException(ExitCode.NO_INPUT, "--learned " + learnedDir + ": " + e.getMessage(), e);
        }
        LearnedRecord record = learned.record().orElseThrow();
        try (LoadedModel loaded = r.loadModel(); Model network = learned.network()) {
            Layout used = r.layoutFor(loaded);
            ImageStack stack = ImageFiles.read(r.images(), used, "--images");
            LoadedModel fitted = ModelFiles.fit(loaded, stack.shape(), used, r.padAuto(), "--images " + r.images(),
                    console::println);
            String background = record.backgroundFingerprint();
            if (r.backgroundFile() != null) {
                background = Fingerprint.ofImages(ImageFiles.read(r.backgroundFile(), used, "--background").images());
            }
            Model m = r.context().modelHook().apply(fitted.model());
            Explanations explained;
            try {
                explained = learned.explain(m, fitted.fingerprint(), background, stack.ids(), stack.images());
            } catch (LearnedMismatchException e) {
                throw new CommandException(ExitCode.MODEL, "--learned " + learnedDir + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw Faults.STANDARD.classifyOr(e, ExitCode.BAD_INPUT);
            }
            try {
                ExplanationFolder.writeFiles(explained, r.out());
            } catch (UncheckedIOException e) {
                throw new CommandException(ExitCode.OUTPUT_NOT_WRITABLE, "cannot write to " + r.out() + ": "
                        + e.getMessage(), e);
            }
            DrawnReport report = ExplainCommand.report(r.out(), r.model().getFileName().toString(),
                    fitted.description(), r.images().toString(), r.reportPanels());
            console.printf(Locale.ROOT, "explained %d images in %.1f s: learned, %d players %s%n", explained.size(),
                    (System.nanoTime() - t0) / 1e9, explained.players(), explained.playerNames());
            console.println("held-out error of the learned explainer: " + record.heldOutError().summary());
            console.printf(Locale.ROOT, "largest additivity residual %.3g%n", explained.maxAbsResidual());
            console.println("explanations  " + r.out().toAbsolutePath().normalize());
            console.println("report        " + report.html().toAbsolutePath().normalize());
            return 0;
        }
    }
}
