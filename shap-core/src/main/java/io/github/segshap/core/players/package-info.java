/**
 * Players (features): which input values are switched on and off together.
 * {@link io.github.segshap.core.players.Players} is the seam; build players from
 * {@link io.github.segshap.core.players.ChannelGroups}, spatial
 * {@link io.github.segshap.core.players.PixelRegions} (patch grids, label maps) or their product.
 * {@link io.github.segshap.core.players.PlayerHierarchy} is the tree for Owen values, given
 * explicitly or built by {@link io.github.segshap.core.players.HierarchyClustering}.
 */
package io.github.segshap.core.players;
