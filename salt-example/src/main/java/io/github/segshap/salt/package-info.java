/**
 * The TGS salt example, one package per stage of the study: {@code prepare} (the data pipeline,
 * with {@code prepare.data} reading and generating TGS data, {@code prepare.preprocess} resampling
 * and attributes, {@code prepare.cache} the processed-data cache), {@code train} (the trainer and
 * losses' wiring, with {@code train.metrics} and {@code train.tracking}, the MLflow file store),
 * {@code explain} (the explain stage on the facade); {@code workflow} wires them on one run folder
 * (and draws the report through shap-report), {@code cli} is the command line and {@code io} the
 * file helpers written once. {@link io.github.segshap.salt.SaltDefaults} holds the defaults they
 * share.
 */
package io.github.segshap.salt;
