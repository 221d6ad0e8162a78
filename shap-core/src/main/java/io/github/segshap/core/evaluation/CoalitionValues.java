package io.github.segshap.core.evaluation;

/**
 * The values v(S) of a list of coalitions for every output, and how many masked images the model
 * predicted to get them.
 *
 * @param values           {@code values[i][k]}: v of coalition i at output k
 * @param modelEvaluations masked images predicted (cached and repeated coalitions cost nothing)
 */
public record CoalitionValues(double[][] values, long modelEvaluations) {
}
