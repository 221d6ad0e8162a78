package io.github.segshap.salt.workflow;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The data a run folder was prepared from, as its {@code parameters.json} records it, so that a later
 * stage run without {@code --data} keeps the folder's real data instead of silently switching to the
 * synthetic data set.
 */
public final class RecordedData {
    private RecordedData() {
    }

    /**
     * The data folder recorded by the latest data stage in {@code runFolder}, if it was real data.
     * An unreadable {@code parameters.json} records nothing here (the stages name it themselves).
     */
    public static Optional<Path> of(Path runFolder) {
        try {
            RunParameters p = RunParameters.read(new RunLayout(runFolder).parameters());
            return Optional.ofNullable(p.common()).map(CommonSettings::data);
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code common} with the run folder's recorded data folder when it names none itself ({@code --data}
     * absent); otherwise {@code common} unchanged.
     */
    public static CommonSettings inherit(CommonSettings common) {
        if (common.data() != null) {
            return common;
        }
        return of(common.out()).map(d -> new CommonSettings(d, common.out(), common.resolution(), common.seed(),
                common.oneDnn(), common.threads(), common.progress())).orElse(common);
    }
}
