/**
 * Run tracking in MLflow's file-store layout, written directly from Java (no MLflow client):
 * {@link io.github.segshap.salt.train.tracking.MlflowFileStore} creates experiments and runs under an
 * {@code mlruns} folder that {@code mlflow ui --backend-store-uri mlruns} can browse, and
 * {@link io.github.segshap.salt.train.tracking.MlflowRun} logs parameters, metrics, tags, artifacts and a
 * DL4J model. {@link io.github.segshap.salt.train.tracking.MlflowEpochListener} connects it to the
 * {@link io.github.segshap.salt.train.Trainer}.
 *
 * <p>Layout (as MLflow's {@code FileStore} writes it):
 * <pre>
 * mlruns/
 *   .trash/
 *   0/meta.yaml                      the "Default" experiment
 *   &lt;experiment_id&gt;/meta.yaml        artifact_location, creation_time, experiment_id,
 *                                    last_update_time, lifecycle_stage, name
 *   &lt;experiment_id&gt;/&lt;run_id&gt;/
 *     meta.yaml                      run_id, run_uuid, run_name, experiment_id, status, start_time,
 *                                    end_time, artifact_uri, lifecycle_stage, user_id, ...
 *     params/&lt;key&gt;                   the value only
 *     metrics/&lt;key&gt;                  one line per value: "timestamp_ms value step"
 *     tags/&lt;key&gt;                     the value only (mlflow.runName, mlflow.user, ...)
 *     artifacts/                     files logged by the run
 * </pre>
 */
package io.github.segshap.salt.train.tracking;
