/**
 * What the command line reads: image stacks from {@code .npy} arrays or PNG folders
 * ({@link io.github.segshap.cli.input.ImageStack}, {@link io.github.segshap.core.image.Layout})
 * and the {@code --players} groups ({@link io.github.segshap.cli.input.PlayerGroups}).
 */
package io.github.segshap.cli.input;
