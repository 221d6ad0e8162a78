package io.github.segshap.spark.cli;

import io.github.segshap.cli.extension.ExplainEngine;
import io.github.segshap.cli.extension.SegshapExtension;

import java.util.List;

/**
 * What shap-spark (segshap-spark.jar) adds to the {@code segshap} program: the {@code spark} engine
 * of {@code segshap explain --engine spark} ({@link SparkEngine}).
 */
public final class SparkExtension implements SegshapExtension {
    @Override
    public List<ExplainEngine> engines() {
        return List.of(new SparkEngine());
    }
}
