/**
 * JMH benchmarks behind the speed claims of the documentation, each paired with the raw cost it is
 * compared to, and {@link io.github.segshap.bench.PerformanceReport}, which runs them briefly and
 * writes {@code docs/performance.md}.
 *
 * <ul>
 *   <li>{@link io.github.segshap.bench.UNetOverheadBenchmark}: explaining one image with the seed
 *       U-Net against the same forward passes alone (24, 48, 104 pixels);</li>
 *   <li>{@link io.github.segshap.bench.ExplainOverheadBenchmark}: time outside model calls of the
 *       four explainers for K = 101 x 101 outputs and M = 4, 16, 64 players;</li>
 *   <li>{@link io.github.segshap.bench.KernelSolveBenchmark}: the all-outputs Kernel solve against
 *       one regression per output;</li>
 *   <li>{@link io.github.segshap.bench.AccuracyPerCall}: error against exact values per model
 *       evaluation at M = 16 (not a timing);</li>
 *   <li>{@link io.github.segshap.bench.InferenceBenchmark}: DL4J images per second without layer
 *       helpers and on the oneDNN path;</li>
 *   <li>{@link io.github.segshap.bench.OnnxInferenceBenchmark}: the seed U-Net's images per second
 *       through ONNX Runtime (its ONNX export) against DL4J's oneDNN path, on equal threads;</li>
 *   <li>{@link io.github.segshap.bench.OnnxOverheadBenchmark}: explaining one image through ONNX
 *       Runtime against the same session runs alone;</li>
 *   <li>{@link io.github.segshap.bench.CeilingBenchmark} (a main): the seed and full-resolution
 *       U-Nets' multiply-adds per pass, the ceiling (each distinct layer alone at its best), the
 *       network alone and the passes per second inside an exact explanation;</li>
 *   <li>{@link io.github.segshap.bench.SessionSweep} (a main): ONNX Runtime session options, batch
 *       sizes and sessions swept on the same U-Nets, as ratios to the defaults;</li>
 *   <li>{@link io.github.segshap.bench.DataPipelineBenchmark}: the salt data pipeline on the 4000
 *       TGS images;</li>
 *   <li>{@link io.github.segshap.bench.MemoryBenchmark}: heap with 16 and 256 background rows;</li>
 *   <li>{@link io.github.segshap.bench.BackgroundSummaryError}: how far the salt example's
 *       explanations with a k-means background summary are from the whole background's (a plain
 *       comparison of explanations folders, not a timing).</li>
 * </ul>
 *
 * <p>Every benchmark JVM sets nd4j's OpenMP threads explicitly ({@code -Dsegshap.bench.threads},
 * default 1): nd4j's OpenMP threads collapse when other processes share the cores. Benchmarks are
 * not tests: nothing here runs during {@code mvn verify}.
 */
package io.github.segshap.bench;
