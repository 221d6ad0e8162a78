/**
 * The DL4J/ND4J runtime switches: nd4j's native CPU threads pinned whatever the environment says
 * ({@link io.github.segshap.dl4j.runtime.NativeThreads}) and the oneDNN fast CPU path
 * ({@link io.github.segshap.dl4j.runtime.Dl4jRuntime}).
 */
package io.github.segshap.dl4j.runtime;
