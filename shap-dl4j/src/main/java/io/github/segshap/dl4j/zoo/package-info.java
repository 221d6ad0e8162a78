/**
 * Ready-made network architectures: the seed project's U-Net
 * ({@link io.github.segshap.dl4j.zoo.UNet}).
 */
package io.github.segshap.dl4j.zoo;
