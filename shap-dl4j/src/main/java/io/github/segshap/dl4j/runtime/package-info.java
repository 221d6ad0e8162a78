/**
 * The DL4J/ND4J runtime switches: the oneDNN fast CPU path
 * ({@link io.github.segshap.dl4j.runtime.Dl4jRuntime}).
 */
package io.github.segshap.dl4j.runtime;
