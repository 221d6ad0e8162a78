/**
 * JMH benchmarks behind the speed claims of the documentation, each paired with the raw cost it is
 * compared to, and {@link io.github.segshap.bench.PerformanceReport}, which runs them briefly and
 * writes {@code docs/performance.md}.
 */
package io.github.segshap.bench;
